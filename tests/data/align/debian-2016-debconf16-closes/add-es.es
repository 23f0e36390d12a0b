Clausura de DebConf16 en Ciudad del Cabo y anuncio de fechas para DebConf17

Hoy sábado, 9 de julio de 2016, se ha clausurado la conferencia anual de desarrolladores y colaboradores de Debian.
Con más de 280 asistentes de todo el mundo y 113 horas de charlas en 114 actividades, DebConf16 ha sido aclamada como un éxito.

Entre lo más destacado se encuentra el festival de puertas abiertas, en el que se celebraron actividades de interés para una audiencia más amplia (desde temas específicos de Debian hasta actividades para una mayor apreciación del movimiento «open» o de la cultura hacedora), los tradicionales «bits» por parte del líder del proyecto Debian, charlas relámpago y demos en vivo, y el anuncio de la DebConf del próximo año (DebConf17 en Montreal).

Para quienes no pudieron asistir, las charlas y sesiones se grabaron y se retransmitieron en directo; además, se han puesto vídeos a disposición del público en el archivo web de encuentros Debian.

El próximo año la DebConf tendrá lugar en Montreal, Canadá, del 6 al 12 de agosto de 2017.
Los organizadores locales volverán a instalar el DebCamp, una sesión de trabajo intenso sobre la mejora de la distribución, para los días previos a la DebConf, y organizarán el Día Debian, dirigido al público en general, el 5 de agosto de 2017.

Debian agradece el compromiso de numerosos patrocinadores por su apoyo a DebConf16, especialmente el de nuestro patrocinador platino: Hewlett Packard Enterprise.

Acerca de Debian

El proyecto Debian fue fundado en 1993 por Ian Murdock para ser un proyecto comunitario verdaderamente libre.
Desde entonces el proyecto ha crecido hasta ser uno de los proyectos más grandes e importantes de software libre.
Miles de voluntarios de todo el mundo trabajan juntos para crear y mantener programas para Debian.
Se encuentra traducido a 70 idiomas y soporta una gran cantidad de arquitecturas de ordenadores, por lo que el proyecto se refiere a sí mismo como “el sistema operativo universal”.

Acerca de DebConf

DebConf es la conferencia de desarrolladores del proyecto Debian.
Además de un amplio programa de charlas técnicas, sociales y sobre reglamentación, DebConf proporciona una oportunidad para que desarrolladores, colaboradores y otras personas interesadas se conozcan en persona y colaboren más estrechamente.
Se ha celebrado anualmente desde 2000 en lugares tan diversos como Escocia, Argentina y Bosnia-Herzegovina.
Hay más información sobre DebConf disponible en https://debconf.org.

About Hewlett Packard Enterprise

Hewlett Packard Enterprise participa activamente en temas relacionados con el software de código abierto.
Miles de desarrolladores distribuidos por toda la organización trabajan en proyectos de código abierto, y HPE patrocina y apoya a la comunidad de código abierto de varias maneras, incluyendo: la contribución de código, el patrocinio de fundaciones y proyectos, la aportación de liderazgo activo y la participación en varios comités.

Contacto de prensa para España y América Latina: oficina de prensa de la asociación local, teléfono +34 910 000 000.
Las consultas en español se atienden de lunes a viernes, de 9:00 a 17:00 (hora de Madrid).

Información de contacto

Para más información, visite la página web de DebConf16 en https://debconf16.debconf.org/ o envíe un correo electrónico a <press@debian.org>.
