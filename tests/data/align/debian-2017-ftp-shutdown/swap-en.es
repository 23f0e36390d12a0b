Apagado de los servicios FTP públicos

Tras muchos años atendiendo las necesidades de nuestros usuarios, y algunos más con un uso decreciente en favor de opciones mejores, todos los servicios FTP debian.org de cara al público se apagarán el 1 de noviembre de 2017.
Son:

ftp://ftp.debian.org

ftp://security.debian.org

Esta decisión está motivada por las consideraciones siguientes:

Los servidores FTP no soportan el almacenamiento temporal («caching») ni la aceleración.

La mayoría de las implementaciones software están estancadas y son complicadas de usar y de configurar.

El uso de los servidores FTP es bastante reducido; nuestro propio instalador no ofrece FTP como forma de acceder a las réplicas desde hace más de diez años.

El protocolo es ineficiente y requiere la adición de parches complicados a los cortafuegos y a los servicios de balanceo de carga.

Información para usuarios

Los nombres DNS ftp.debian.org y ftp.<CC>.debian.org seguirán igual.
Pero habrá que acceder a las réplicas usando HTTP en lugar de FTP:

http://ftp.debian.org

http://security.debian.org

Información para desarrolladores

Los servicios para desarrolladores no se verán afectados.
Estas son las colas de subida para los archivos principal («main») y de seguridad:

ftp://ftp.upload.debian.org

ftp://ftp.security.upload.debian.org

Acerca de Debian

El proyecto Debian es una asociación de desarrolladores de software libre que aportan de forma voluntaria su tiempo y esfuerzo para producir el sistema operativo Debian, un sistema operativo completamente libre.

Información de contacto

Para más información, visite las páginas web de Debian en https://www.debian.org/, envíe un correo electrónico a <press@debian.org> o contacte con el equipo de réplicas en la lista pública de correo <debian-mirrors@lists.debian.org>.
