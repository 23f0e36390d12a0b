Soporte de seguridad para Debian 5.0 finalizado

Soporte de seguridad para Debian GNU/Linux 5.0 finalizó el 6 de febrero

Un año después de la publicación de Debian 6.0 alias “Squeeze” y cerca de tres años después de la publicación de Debian GNU/Linux 5.0 alias “Lenny”, el soporte de seguridad para la distribución estable anterior (5.0 alias “Lenny”) llegó a su fin hace pocos días.
El proyecto Debian está orgulloso de haber dado soporte a la distribución estable anterior por un largo tiempo, e incluso por un año tras haber sido publicada la nueva versión.

El proyecto Debian publicó Debian 6.0 alias “Squeeze” el 6 de febrero de 2011.
A usuarios y distribuidores se les ha dado un periodo de un año para actualizar sus viejas instalaciones a la distribución estable actual.
Por lo tanto, el soporte de seguridad para la distribución 5.0 terminó el 6 de febrero de 2012 como fue anunciado previamente.

Actualizaciones de seguridad previamente anunciadas para la distribución continuarán estando disponibles en security.debian.org.

Actualizaciones de seguridad

El equipo de seguridad de Debian ofrece actualizaciones de seguridad a la distribución actual a través de <http://security.debian.org/>.
Actualizaciones de seguridad para la distribución estable anterior también son proporcionadas por un año después de que la nueva distribución ha sido publicada, o hasta que la distribución actual sea reemplazada, lo que suceda primero.

Actualizando a Debian 6.0 alias “Squeeze”

Las actualizaciones a Debian 6.0 desde la distribución previa, Debian GNU/Linux 5.0 alias “Lenny”, son automáticamente manejadas por la herramienta de manejo de paquetes apt-get para la mayoría de las configuraciones, y a cierto grado también por la herramienta de manejo de paquetes aptitude.
Como siempre, los sistemas Debian GNU/Linux pueden ser actualizados sin molestias, sin tiempo de inactividad forzada, pero se recomienda leer las notas de publicación para evitar inconvenientes, y para instrucciones detallas de instalación y actualización.

Acerca de Debian

Debian es un sistema operativo libre desarrollado por miles de voluntarios de todo el mundo quienes colaboran a través de Internet.
La dedicación de Debian al Software Libre, su naturaleza no lucrativa, y su modelo abierto de desarrollo la hace única entre las distribuciones GNU/Linux.

Las fortalezas principales del proyecto Debian son su base de voluntarios, su dedicación al Contrato Social de Debian, y su compromiso por ofrecer el mejor sistema operativo posible.
Debian 6.0 es otro paso importante en esa dirección.

Información de contacto

Para mayor información visite el sitio web de Debian en https://www.debian.org/, o envíe un correo a <press@debian.org>.
