Nueva computadora para la réplica del repositorio main de Debian

El proyecto Debian se complace en anunciar que recientemente ha sido reemplazado el hardware utilizado por “ftp.debian.org” gracias a la ayuda de Studenten Net Twente (SNT) y HP.
La nueva computadora es una Intel Xeon 8-core con 48 GB de memoria y un total de 6 TB (en RAID 10) de almacenamiento local.
El nuevo servidor es alojado en las instalaciones de la Universidad de Twente por el grupo Studenten Net Twente, quienes generosamente también mantenían el anterior hardware sobre el que funciona “ftp.debian.org”.

“La cantidad de nuevas arquitecturas agregadas a Debian recientemente y el hecho de que ahora también se provee soporte para sistemas operativos con kernel no-linux, provocó que nos quedaramos sin espacio en la computadora anterior.
Esta nueva maquina nos debería dar suficiente espacio para unos pocos años” dijo Martin Zobel-Helas, un miembro del equipo de administradores de sistemas de Debian.
“Alojar hardware de Debian en la universidad de Twente tiene una larga tradición para el proyecto Debian.”, agregó Martin.

“En SNT, nuestro slogan es "¡haciendo funcionar la red!", y eso es exactamente lo que estamos haciendo al proporcionar a Debian con alojamiento y ancho de banda extra en Holanda.
SNT ha estado usando Debian desde 1996 para todos los servidores que manejan la red y otros servicios y por eso nos alegra dar alojamiento `kassia`, el servidor FTP de Holanda (`ftp.nl.debian.org`) y ahora a este nuevo servidor `klecker`” dijo Tjerk Jan de SNT.

Acerca de Studenten Net Twente

Studenten Net Twente se creó en 1994 para administrar las instalaciones de red provistas por ICTS (el servicio TI de la Universidad de Twente) que incluye ADSL, campusnet, WLAN, VPN y conexiones dialup para la universidad.
Gracias a la pericia de los estudiantes que estuvieron a cargo del helpdesk, pueden ofrecer soporte a todos los problemas de conectividad de los estudiantes de la Universidad de Twente.
SNT mantiene una réplica FTP para la mayoría de los proyectos de código abierto como Firefox y Debian, y un servidor IRC.
También ofrece alojamiento web para asociaciones de estudiantes y otras organizaciones en el campus.
Todos estos servicios son mantenidos por un grupo de voluntarios que usan esta experiencia para ampliar sus conocimientos.

Acerca de Debian

El proyecto Debian fue fundado en 1993 por Ian Murdock para ser un proyecto de la comunidad verdaderamente libre.
Desde entonces el proyecto ha crecido hasta ser uno de los proyectos más grandes e importantes de software libre.
Miles de voluntarios en todo el mundo trabajan juntos para crear y mantener programas para Debian.
Se encuentra traducido en 70 idiomas y soporta una gran cantidad de arquitecturas de computadoras, por lo que el proyecto se refiere a sí mismo como “el sistema operativo universal”.

Información de contacto

Para mayor información visite el sitio web de Debian en https://www.debian.org/, o envíe un correo a <press@debian.org>.
