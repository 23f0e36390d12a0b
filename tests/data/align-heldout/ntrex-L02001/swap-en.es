EE. UU. podría usar la Armada para llevar a cabo el bloqueo a las exportaciones energéticas de Rusia - Secretaría del Interior

"En caso necesario", Washington podría recurrir a su Armada para impedir que la energía rusa sacudiera los mercados, incluido el de Oriente Medio, reveló el Secretario de Interior de Estados Unidos, Ryan Zinke, según se publica en el Washington Examiner.
Zinke alegó que la alianza de Rusia con Siria, en particular donde opera a instancias del gobierno legítimo, no es más que un pretexto para la expansión en nuevos mercados.
"Estoy convencido de que se encuentran en Oriente Medio para negociar con la energía, tal y como lo hacen con Europa del Este, convirtiéndose en el abastecedor más al sur de Europa", comunicó.
Además, según las informaciones oficiales, existen formas y métodos de encarar esta cuestión.
"Estados Unidos, con su Armada, tiene la capacidad de garantizar que las vías marítimas permanezcan abiertas y, llegado el caso, podrían incluso bloquearlas para garantizar que la energía no acabe en el mercado", dijo.

Zinke se dirigió a las personas que asistieron a un evento organizado por la Consumer Energy Alliance, un grupo sin ánimo de lucro que se define como la "voz del consumidor energético" en Estado Unidos.
En él, comparó los enfoques que mantiene Washington en sus negociaciones con Rusia e Irán, y advirtió que son, de hecho, los mismos.

"La alternativa económica en Irán y Rusia consiste, básicamente, en aprovechar y reemplazar combustibles", advirtió a la vez que indicaba que Rusia solo sabe hacer una cosa, que es basar su economía en los combustibles fósiles.
Estas afirmaciones se realizan cuando la administración Trump ha estado intentando impulsar la exportación de su gas natural licuado a Europa y relevar de sea función a Rusia, que es la opción más barata para los consumidores europeos.
Para ello, los miembros de la administración Trump, incluido el propio Donald Trump, tratan de persuadir a Alemania para que abandone el "inapropiado" proyecto del gasoducto Nord Stream 2, el cual, según Trump, convertirá a Berlín en rehén de Moscú.
Moscú ha insistido en todo momento en que el proyecto del gasoducto Nord Stream 2, que alcanza un valor de 11 000 millones de $ y se pretende que doble la capacidad actual del gasoducto a 110 000 millones de metros cúbicos, es un proyecto puramente económico.
El Kremlin defiende que la ferviente oposición de Washington al proyecto responde únicamente a motivos económicos y es una muestra más de competencia desleal.

"Creo que todos compartimos la idea de que la energía no puede convertirse en una herramienta de presión y que los consumidores deben poder elegir a sus proveedores", afirmó el Ministro de Energía de Rusia, Aleksandr Novak, tras celebrar una reunión con Rick Perry, el Secretario de Energía de Estados Unidos, el pasado septiembre en Moscú.

La postura estadounidense se ha encontrado, sin embargo, con el rechazo de Alemania, quien ha reafirmado su compromiso con el proyecto.
La organización que lidera la industria en Alemania, la Federación de Industrias Alemanas (BDI), ha pedido a EE. UU. que no intervenga en la política energética de la UE ni en los acuerdos bilaterales entre Berlín y Moscú.
"Supone un gran problema cuando un tercer estado interfiere en nuestro suministro energético", dijo Dieter Kempf, director de la Federación de Industrias Alemanas (BDI) tras una reunión que se celebró recientemente entre la Canciller alemana, Angela Merkel, y el Presidente ruso, Vladimir Putin.
Elizabeth Warren analizará detenidamente la posibilidad de presentarse como candidata a la presidencia en 2020, dice la senadora de Massachusetts

La senadora por Massachusetts Elizabeth Warren dijo el sábado que estudiará la posibilidad de sumarse a la carrera presidencial después de las elecciones a mitad de mandato.
Durante una comparecencia en el Ayuntamiento de Holyoke, Massachusetts, Warren confirmó que se estaba planteando este reto.
"Es hora de que las mujeres lleguen a Washington para enmendar nuestro fracturado gobierno y para que, por fin, haya mujeres entre los dirigentes", afirmó, según The Hill.
"Después del 6 de noviembre, me voy a plantear seriamente la posibilidad de presentarme como candidata a la presidencia".

Warren dio su opinión sobre el Presidente Donald Trump durante una comparecencia en el Ayuntamiento y afirmó que "estaba llevando al país por el camino equivocado".
"Realmente me preocupa el daño que Donald Trump está haciendo a nuestra democracia", dijo.
Warren habló sin tapujos sobre Trump y su candidato para el Tribunal Supremo, Brett Kavanaugh.
En un tweet del viernes pasado, Warren afirmó que "es absolutamente necesario que el FBI investigue lo sucedido antes de la votación".

El jueves se publicó una encuesta en la que, sin embargo, una mayoría de los propios votantes de Warren no cree que deba presentarse para las elecciones del 2020.
Un 58 % de los "posibles" votantes de Massachusetts afirmaron que la senadora no debía presentarse, según la encuesta del Suffolk University Political Research Center/Boston Globe.

Un 32 % de los encuestados sí apoyaba, sin embargo, su candidatura.
En la encuesta se manifestó un mayor respaldo al anterior gobernador, Deval Patrick, con un 38 % de apoyo ante una posible candidatura y un 48 % en contra.

Otros miembros reconocidos del Partido Democrático hablaron sobre la posible candidatura para el 2020 del anterior vicepresidente Joe Biden y el senador de Vermont, Bernie Sanders.
Biden dijo que lo decidiría oficialmente en enero, según informó la agencia Associated Press.

Sarah Palin habla del trastorno de estrés postraumático de Track Palin en un mitin de Donald Trump

Track Palin, 26, pasó un año en Irak después de alistarse en septiembre.

El lunes pasado por la noche, fue arrestado y acusado de violencia doméstica.

"La situación que está atravesando mi hijo, por todo lo que ha pasado desde que volvió, lo conocen muy bien las otras familias que sufren los efectos derivados del TEPT y otras heridas con las que vuelven nuestros soldados", dijo al público que se congregó en un mitin a favor de Donald Trump en Tulsa, Oklahoma.

Palin se refirió a este arresto como el gran tabú del que nadie quiere hablar, y comentó sobre su hijo y otros veteranos de guerra que "vuelven con un comportamiento diferente, endurecidos, preguntándose si realmente existe ese respeto hacia lo que sus compañeros soldados y aviadores, así como todos los demás miembros del ejército, han dado a su país".
El lunes fue arrestado en Wasilla, Alaska, acusado de un episodio de violencia doméstica hacia una mujer, que interfiere con una denuncia de violencia doméstica y posesión de armas bajo los efectos de drogas o alcohol, según Dan Bennett, un portavoz del departamento de policía de Wasilla.

18 estados, D.C. apoyan el reto para conseguir una nueva política de asilo

18 estados y el Distrito de Columbia apoyan un recurso judicial a la nueva política de Estados Unidos que niega el asilo a las víctimas que huyen de la violencia doméstica o de pandillas.
Representantes de los 18 estados y el distrito presentaron un escrito "amistoso" el viernes en Washington para mostrar su apoyo a una solicitante de asilo que se enfrenta a la actual directiva, informó NBC News.
No se ha revelado el nombre completo de la demandante en el caso "Grace v. Sessions" que presentó en agosto la Unión de Libertades Civiles de EEUU (ACLU, American Civil Liberties Union) en contra de la política federal.
Dijo que su compañero "y sus hijos, que son miembros de una pandilla violenta", abusaron de ella, pero los funcionarios de EE. UU. denegaron su solicitud de asilo el 20 de julio.
Fue detenida en Texas.

Los abogados que representan a estos estados que defienden a Grace describieron a El Salvador, Honduras y Guatemala, que generan una gran cantidad de solicitudes de asilo a EE. UU., como naciones que se enfrentan a problemas generalizados relacionados con la violencia doméstica y de pandillas.

Acerca de Noticias Abiertas

Noticias Abiertas traduce y distribuye artículos de actualidad bajo licencias libres.
Más de 120 voluntarios de 30 países revisan cada traducción antes de publicarla.

Información de contacto

Escriba a <equipo@noticias-abiertas.net> o visite https://noticias-abiertas.net/.
