El largo camino hasta el libro

La primera impresión es que se trata de un paraíso de libros bajo una quesera.

Bien es cierto que hay un ascensor que nos transporta justo al centro de este macizo montañoso, pero los verdaderos amantes del espacio y la lectura no lo utilizan, sino que prefieren fundirse con su topografía a cada paso de su escalada a la cima.
El interior completamente acristalado resulta luminoso y fácil de abarcar con la vista, el suelo de ladrillo recocido y las elegantes farolas apoyan de forma inequívoca la condición pública de la biblioteca.
El ambiente urbano es perfecto.
Al alzar la vista se pueden llegar a visualizar los bancos del parque, los perros y los niños y niñas jugando al fútbol.
Y por todos lados libros, libros y más libros.

"Normalmente las estanterías de libros están dispuestas a lo largo de la fachada y en el centro se abre una enorme sala oscura que, por lo general, suele ser algo incómoda e impersonal", afirma Winy Maas.
Lo que hemos hecho nosotros es poner patas arriba la clásica configuración espacial y sacar la zona de lectura del interior al exterior.

El interior de la montaña está muy bien aprovechado: en el medio se encuentran las oficinas, la biblioteca de Internet, el club de ajedrez, el centro de educación ambiental y la sala de mantenimiento.
Mención especial merecen las estanterías negras que asumen las funciones de revestimiento mural, parapeto y barandilla al mismo tiempo.
La vista, el tacto y el olfato son extraños.

Incluso los arquitectos y los ingenieros civiles más al día sacuden la cabeza cuando oyen hablar de este material desconocido.
"Queríamos trabajar con materiales reciclados", nos explica Joop Trouborst, jefe del proyecto en la ciudad de Spijkenisse.

Y así es como un día, en una explotación agrícola frisia, nos topamos con el subproducto adecuado procedente de la agricultura.
Desde hace muchos años, en los invernaderos y en los campos de los Países Bajos se utiliza un tejido plástico de escasos milímetros de espesor como base para sujetar las raíces de los cultivos.

Se trata de un material barato y eficiente.
Este tejido fino dura dos estaciones y después se desecha.
Para la biblioteca este tejido se prensó, por primera vez en tales cantidades, hasta conseguir planchas de cuatro centímetros de espesor.
Con el calor y la presión, el denominado plástico agrícola (KLP) cambia de color y se convierte en un material oscuro, homogéneo y resistente que huele a una mezcla de coche nuevo y zapatilla de deporte.
Tras 105 peldaños se llega a la cima de la montaña.

Al final de esta ruta continua de casi 500 metros alrededor de la montaña nos aguarda la recompensa: desde la cafetería no solo se tiene una fantástica vista de la ciudad, sino que en ella también se puede disfrutar de unas sabrosas croquetas holandesas y sus ficus plantados en enormes macetas.

Estos crean un ambiente agradable a la par que mantienen la humedad atmosférica adecuada para esta montaña de literatura.

Donaciones para un nuevo alma

"Aunque cueste creerlo dadas sus grandes superficies acristaladas, este edificio es un proyecto ejemplar en lo que respecta a la ecología", señala Trouborst.
La calefacción y la refrigeración necesarias se obtienen a partir de energía geotérmica.
A pesar de que la montaña de libros está situada bajo una enorme pirámide de cristal, incluso en los días más soleados el sol solo brilla durante pocas horas en su interior.
Las enormes cerchas de madera situadas en sentido transversal a la fachada de cristal sirven para dar sombra y absorben la mayoría de los rayos del sol.
Esto crea un clima interior confortable.

El resto es cosa de las persianas automáticas.

Stefan Spermon, el escéptico trabajador del sector de las Tecnologías de la Información, ya se ha atrevido a poner el pie en la nueva biblioteca.
Y Lisette Verhaig también ha estado allí.
Igualmente, la profesora de medicina tradicional china Cynthia Bogarde ha visitado la biblioteca. Ella califica el "Boekenberg" como el "alma tardía" de Spijkenisse.
La razón es que, con motivo de la inauguración que tuvo lugar hace un par de semanas, se invitó a todos los habitantes de la ciudad a donar un libro de su colección privada.

De esta forma se pretende llenar, de momento, los huecos ópticos de una biblioteca que aún no cuenta con su archivo completo; en la actualidad tiene 70.000 ejemplares; el concepto ha calado hondo.

Acerca del Servicio Internacional de Prensa

El Servicio Internacional de Prensa reúne desde 2011 los comunicados de 75 organizaciones sin ánimo de lucro.
Sus boletines llegan cada semana a unos 9.000 periodistas.

Contacto de prensa para España y América Latina: oficina de prensa de la asociación local, teléfono +34 910 000 000.
Las consultas en español se atienden de lunes a viernes, de 9:00 a 17:00 (hora de Madrid).

Contacto

Oficina de prensa: <press@sip-intl.org>, +44 20 7946 0321, https://sip-intl.org/.
