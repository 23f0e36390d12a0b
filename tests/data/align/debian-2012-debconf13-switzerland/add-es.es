Suiza será la sede la de Conferencia Debian 2013

El 20 de febrero de 2012, el comité organizador de DebConf decidió que la Conferencia Debian 2013, se llevará a cabo a orillas del Lac de Neuchâtel en Suiza, aproximadamente a mediados de agosot.
Puede encontrar más detalle en la página de wiki de la organización.

Tras una reunión de dos horas el pasado lunes, la propuesta de Suiza obtuvo la victoria por un estrecho margen sobre la propuesta de Riga, Latvia.
Ambos equipos han estado preparando sus propuestas desde mediados del 2011 en busca de lugares y patrocinadores en sus respectivas ciudades.

Ambas propuestas tenían características e identidades únicas.
Por un lado, la propuesta de Riga estaba centrada en una ciudad universitaria.
Por el otro lado, la propuesta de Suiza quiere llevar a DebConf a un ambiente que es conocido por su belleza natural.

“Nuestra propuesta se centra principalmente en uno los objetivos de la DebConf, unir a la comunidad.
Alojamiento, espacios para hacking y salones de charlas estarán en el mismo lugar con una vista bella al lago de Neuchatel y a los alpes Suizos.
Tendremos todo el campamento exclusivamente para DebConf”, dijo Gaudenz Steinlin, miembro del equipo de Suiza.

El comité de la DebConf felicitó a los futuros organizadores de la DebConf12, y agradeció a ambos equipos por sus esfuerzos.

La sede para la DebConf14 se decidirá en 12 meses.
Las propuestas se deben enviar antes del 31 de diciembre de 2012 para ser consideradas.

Acerca de la DebConf

La DebConf es la conferencia anual de desarrolladores del proyecto Debian.
Además de un programa lleno de charlas técnicas, sociales y políticas, la DebConf le brinda la oportunidad a los desarrolladores, colaboradores y otras personas interesadas, de conocerse en persona y trabajar juntos más estrechamente.
Se ha celebrado anualmente desde el año 2000 en lugares tan diversos como Escocia, Argentina, y Bosnia Herzegovina.
Se puede encontrar más información sobre la DebConf en http://debconf.org/.

Este año, la DebConf12 dará inicio el domingo 8 de julio, y terminará el sábado 14 de julio.
La conferencia tendrá lugar en Managua, Nicaragua.

La DebConf será precedida por el DebCamp, desde el domingo 1 de Julio, y hasta el sábado 7 de julio de 2012.
DebCamp es un evento pequeño y menos formal que brinda la oportunidad de trabajar a los diversos grupos de Debian.

El sábado 7 de julio de 2012 se llevará a cabo el «Open Day» de la DebConf, el cual es un día enfocado a conferencias para usuarios de Debian, así como cualquier persona interesada en aprender más acerca del software libre.

Más información acerca de la DebConf12 se encuentra disponible en el sitio web de la conferencia.

Acerca de Debian

El proyecto Debian fue fundado en 1993 por Ian Murdock para ser un proyecto de la comunidad verdaderamente libre.
Desde entonces el proyecto ha crecido hasta ser uno de los proyectos más grandes e importantes de software libre.
Miles de voluntarios en todo el mundo trabajan juntos para crear y mantener programas para Debian.
Se encuentra traducido en 70 idiomas y soporta una gran cantidad de arquitecturas de computadoras, por lo que el proyecto se refiere a sí mismo como «el sistema operativo universal».

Contacto de prensa para España y América Latina: oficina de prensa de la asociación local, teléfono +34 910 000 000.
Las consultas en español se atienden de lunes a viernes, de 9:00 a 17:00 (hora de Madrid).

Información de contacto

Para mayor información visite el sitio web de Debian en https://www.debian.org/, o envíe un correo a <press@debian.org>.
