Tómbola y pastelillo salado en la fiesta de Navidad de los ministerios

No parece muy sentimental la ministra de trabajo Mónika Lamperth: en lugar de la fiesta navideña.
Celebrará una reunión de trabajo para sus colegas quienes podrán despedir el año 2007 con pastelillo salado y café.

Existe ministerio que celebrará su fiesta con música en vivo, en otro crearán la atmósfera navideña en el corazón de los funcionarios públicos con tómbola y un brindis.
Fiesta, ambiente de Navidad, conciertos y buffet - así se divierte el poder.

También las oficinas del Estado se preparan para la Navidad.

La mayor fiesta de Navidad se celebrará en el Ministerio de Defensa, pero no para los trabajadores del Ministerio.
En la Navidad de los Huérfanos recibirán regalos los hijos de los soldados caídos y para la Navidad de los Misioneros se invita a los familiares de los soldados que actualmente cumplen misiones en el exterior. Igualmente se ofrecerá una recepción para la prensa.
Esta cartera destinará 25 millones para el ambiente festivo del fin de ano.
La Agencia Nacional de Fomento (ANF) y el Ministerio de Economía y Transporte (MET) celebrarán una fiesta lujosa con respecto a las fiestas de las demás carteras
La fiesta del MET se celebrará en la Casa del Futuro, con un presupuesto total de 4 320 000 HUF y de los seiscientos trabajadores del ministerio se espera la presencia de aproximadamente trescientos cincuenta.

En la fiesta de la cartera reinará un ambiente de Navidad, actuarán también artistas y habrá sorteo de tómbola.
La navidad de la ANF costó 4 700 000 HUF y se celebró el miércoles en el edificio del Consejo Nacional de Administración de Justicia (CNAJ) con conciertos musicales y cena.
El alquiler de la sala costó un millón de HUF, el resto del presupuesto se gastó para los más de cuatrocientos invitados.
Tenemos informaciones de que los trabajadores de uno de los departamentos de la ANF están invitados también a otra fiesta de Navidad que celebrará una compañía de gestión de concursos llamada Centro Húngaro para el Desarrollo Económico de fondos comunitarios.

Para este objetivo alquilaron el edificio completo del Teatro de la Comedia.
La información no ha sido confirmada por CHDE SA, puesto que no logramos comunicarnos con la persona competente.

Se puede asistir sin traje

El edificio del CNAJ no solamente albergó la fiesta de la ANF, sino también la del Ministerio de Justicia y de la Policía, que en lugar de la Navidad celebró el baile del día de Lucía el 7 de diciembre.
El CNAJ de ellos no cobró nada por el uso de sus instalaciones.
En el baile participaron quinientas personas.
La fiesta se inició con las palabras de saludo del ministro y después de la cena hubo música bailable en vivo.

Respondiendo a la pregunta de [origo] informaron: para asistir al baile no era obligatorio vestir traje o vestido de noche.
Las carteras de salud, de trabajo y de las administraciones locales se preparan para unas celebraciones modestas.
El Ministerio de Salud Pública organizará un programa y una fiesta para sus trabajadores en su propio edificio con un presupuesto de 400 000 HUF.

En cambio, la ministra del trabajo Mónika Lamperth no espera a sus colegas para una fiesta oficial navideña, sino para una reunión de trabajo de fin de ano.
Se cuenta con la participación de ciento ochenta invitados que - como informara el departamento de prensa - tomarán tan solo café y pastelillo salado, por lo que la fiesta no costará más de 350 000 HUF.
El ministro para gobiernos locales, Gordon Bajnai en cambio simplemente brindará con sus colegas en el aula del Ministerio para los Gobiernos Locales y Desarrollo Territorial.
El Ministerio de Finanzas (MF) celebrará una fiesta navideña en su propio salón de actos con la participación de 436 trabajadores.
La fiesta navideña tendrá un presupuesto de 2500 HUF por invitado - de este presupuesto se pagará la recepción con buffet y un brindis.

Desde que János Veres es el ministro, los trabajadores del MF todos los anos celebran de la misma forma la Navidad.
En cambio, no habrá atmósfera festiva, el carácter oficial se dará no solamente por el discurso ministerial, sino también por el horario de la tarde de su celebración; la cartera de agricultura ofrecerá una recepción de Año Nuevo el 20 de enero, en el Ministerio no se celebrará la Navidad.
La recepción se celebrará en el Castillo de Vajdahunyad del Parque Municipal y según comunicó la cartera, habrá un presupuesto de 1000 HUF por persona para los cien invitados.

Esta - según el departamento de prensa - va a ser una recepción muy sencilla de pie, a la que se invitará únicamente a los diplomáticos especializados, acreditados en Hungría.
Estas recepciones que se celebran todos los anos, se inician con un breve discurso de saludo del ministro y concluyen con una modesta comida.
Los Ministerios de Asuntos Exteriores y de Educación y Cultura no celebrarán ninguna fiesta de Navidad - esto es lo que le comunicaron los correspondientes departamentos de prensa a [origo].
En el departamento de prensa de la cartera de medio ambiente no pudieron informar sobre el presupuesto de las celebraciones navideñas del Ministerio.
Lo que se sabe es que para la fiesta que se celebrará en el Museo de las Artes Aplicadas se invitó a más de cuatrocientas personas.

Acerca del Observatorio de Medios

El Observatorio de Medios es una fundación independiente que estudia la prensa internacional desde 2004.
Su trabajo se financia con donaciones privadas y no acepta publicidad.

Contacto de prensa

Teléfono +34 915 550 123, correo <medios@observatorio.org>, web https://observatorio.org/prensa.
