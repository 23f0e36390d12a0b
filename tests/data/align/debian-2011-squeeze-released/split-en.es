Debian 6.0 “Squeeze” publicado

Después de 24 meses de desarrollo constante, el proyecto Debian se complace en anunciar su nueva versión estable 6.0 (nombre en clave “Squeeze”).
Debian 6.0 es un sistema operativo libre y se presenta por primera vez en dos sabores, ya que junto con Debian GNU/Linux, en esta versión se ha introducido Debian/kFreeBSD como una “vista preliminar de la tecnología”.

Debian 6.0 incluye los entornos de escritorio KDE, GNOME, Xfce y LXDE, así como todo tipo de aplicaciones de servidor.
También ofrece compatibilidad con el estándar FHS v2.3 y el software desarrollado para la versión 3.2 de LSB.

Debian se ejecuta en distintos tipos de sistemas que van desde computadores de bolsillo hasta supercomputadoras, pasando por prácticamente cualquier otro sistema intermedio.
Debian GNU/Linux da soporte a un total de nueve arquitecturas: PCs de 32 bits / Intel IA-32 (i386), PCs de 64 bits / Intel EM64T / x86-64 (amd64), PowerPC de Motorola/IBM (powerpc), SPARC de Sun/Oracle (sparc), MIPS (mips (big-endian) y mipsel (little-endian)), Itanium de Intel (ia64), S/390 de IBM (s390), y ARM EABI (armel).

Debian 6.0 “Squeeze” incluye una versión preliminar de dos nuevas adaptaciones al núcleo del proyecto FreeBSD utilizando el conocido entorno de usuario Debian GNU: Debian GNU/kFreeBSD para arquitecturas de PCs de 32 bits (kfreebsd-i386) y PC de 64 bits (kfreebsd-amd64).
Estas adaptaciones son las primeras en ser incluidas en una versión de Debian sin estar basadas en el núcleo de Linux.
Hay muy buen soporte para aplicaciones de servidor y combina las características existentes de Debian basado en Linux con caracterí­sticas únicas en el mundo BSD.
Sin embargo, en esta versión estas adaptaciones son aún limitadas.
Por ejemplo, algunas de las características avanzadas de escritorio aún no están soportadas.

Otra novedad es el núcleo de Linux completamente libre.
En esta versión el núcleo ya no contiene archivos problemáticos de firmware.
Estos se han dividido en paquetes separados y se han movido fuera del archivo principal de Debian al área no libre («non-free») del archivo, la cual no está activada de manera predeterminada.
De esta forma, los usuarios de Debian tienen la posibilidad de utilizar un sistema operativo completamente libre, aunque también pueden optar por utilizar archivos de firmware no libres en caso de requerirlos.
Los archivos de firmware pueden cargarse durante la instalación a través del instalador si esto fuera necesario.
También estarán disponibles en imágenes de CD especiales y como archivos comprimidos para utilizar la instalación desde USB.
Hay más información disponible al respecto en la página del wiki del Firmware de Debian.

Además, Debian 6.0 introduce un sistema de arranque basado en dependencias, por lo que el inicio del sistema ahora es más rápido y más robusto debido a la ejecución en paralelo de los programas de arranque y el seguimiento correcto de sus interdependencias.
Algunos otros cambios hacen el uso de Debian en portátiles pequeños más cómodo, como por ejemplo, la introducción de KDE Plasma para Netbooks.

Esta versión incluye una gran cantidad de paquetes de programas actualizados tal como:

el entorno de escritorio KDE 4.4.5

el entorno de escritorio GNOME 2.30

el entorno de escritorio Xfce 4.6

el entorno de escritorio LXDE 0.5.0

X.Org 7.5

OpenOffice.org 3.2.1

GIMP 2.6.11

Iceweasel 3.5.16 (una versión de Mozilla Firefox que no utiliza la marca registrada)

Icedove 3.0.11 (una versión de Mozilla Thunderbird que no utiliza la marca registrada)

PostgreSQL 8.4.6

MySQL 5.1.49

la Colección de compiladores de GNU 4.4.5

Linux 2.6.32

Apache 2.2.16

Samba 3.5.6

Python 2.6.6, 2.5.5 and 3.1.3

Perl 5.10.1

PHP 5.3.3

Asterisk 1.6.2.9

Nagios 3.2.3

el Hipervisor Xen 4.0.1 (con soporte tanto para dom0 como para domU)

OpenJDK 6b18

Tomcat 6.0.18

más de 29,000 paquetes de programas listos para usarse construidos a partir de 15.000 paquetes fuente).

Debian 6.0 incluye cerca de 10,000 paquetes nuevos como el navegador Chromium, la solución de monitorización Icinga, la interfaz de usuario para administración de paquetes “Software Center”, el administrador de red wicd, las herramientas de contenedor de Linux lxc y el entorno para clústers Corosync.

Con esta amplia selección de paquetes, Debian se mantiene fiel a su objetivo de ser el sistema operativo universal.
Es un sistema que se puede utilizar para distintos casos como por ejemplo: sistemas de escritorio y netbooks; desde servidores de desarrollo hasta clústers; servidores de bases de datos, servidores web o de almacenamiento.
Se ha hecho un gran esfuerzo para asegurar la calidad por medio de pruebas automáticas de instalación y actualización para todos los paquetes en el archivo de Debian, asegurando de esta forma que Debian 6.0 cumple las altas expectativas que tienen los usuarios de una versión estable de Debian.
Es tan sólido como una roca y ha sido probado de manera rigurosa.

A partir de Debian 6.0, las “Custom Debian Distributions” (Distribuciones Personalizadas de Debian) han cambiado su nombre y se llaman ahora “Debian Pure Blends”.
Su cobertura se ha incrementado agregando Debian Accessibility, DebiChem, Debian EzGo, Debian GIS y Debian Multimedia a las ya existentes Debian Edu, Debian Med y Debian Science “pure blends”.
Se puede consultar, el listado completo de todos los «blends», incluyendo los paquetes que los usuarios nominen a ser incluidos para la siguiente publicación.

Puede instalarse Debian desde diversos medios como discos Blu-ray, DVDs, CDs, unidades USB o desde la red.
GNOME es el escritorio predeterminado y por ello se incluye en el primer CD.
Otros entornos de escritorio (como KDE, Xfce, o LXDE) pueden instalarse a través de dos imágenes de CD alternativas.
También puede elegirse el entorno de escritorio deseado desde el menú de arranque de los CDs/DVDs.
De nuevo, Debian 6.0 pone a disposición de los usuarios imágenes multi-arquitectura para CDs y DVDs las cuales soportan la instalación en varias arquitecturas desde un solo disco.
La creación de un instalador de arranque a partir de USB se ha simplificado enormemente.
Para mayor información lea la Guía de Instalación.

Además de los medios de instalación convencionales, Debian GNU/Linux también puede utilizarse sin necesidad de instalarlo.
Las imágenes especiales utilizadas conocidas como imágenes en vivo («live») están disponibles para CDs, memorias USB y para arranque desde de red.
Inicialmente, éstas se proporcionan únicamente para las arquitecturas amd64 e i386.
También es posible utilizar estas imágenes para instalar Debian GNU/Linux.

El proceso de instalación de Debian GNU/Linux 6.0 ha sido mejorado de varias formas, incluyendo una selección más fácil en la configuración del idioma y teclado, así­ como en el particionado de volúmenes lógicos, RAID y sistemas cifrados.
Se ha agregado soporte para los sistemas de archivos ext4 y Btrfs, y (en la arquitectura kFreeBSD) para el sistema de archivos Zettabyte (ZFS).
El instalador de Debian GNU/Linux ha sido traducido a 70 idiomas.

Las imágenes del instalador de Debian ya pueden descargarse mediante BitTorrent (método recomendado), jigdo o HTTP; Consulte Debian en CDs para más información.
Muy pronto también estarán disponibles los discos físicos en formato DVD, CD-ROM y Blu-ray por parte de diversos vendedores.

La actualización a Debian GNU/Linux 6.0 desde la versión anterior, Debian GNU/Linux 5.0 (nombre en clave “Lenny”), se gestiona de forma automática a través de la aplicación para la administración de paquetes apt-get para la gran mayoría de las configuraciones, y hasta cierto punto, también por la aplicación para la administración de paquetes aptitude.
Como siempre, los sistemas Debian GNU/Linux pueden actualizarse sin problemas y prácticamente sin tiempo de inactividad, aunque es ampliamente recomendable leer las Notas de Publicación así como también la Guía de Instalación para evitar posibles inconvenientes, ya que incluyen instrucciones detalladas relacionadas con la instalación y actualización.
Las Notas de Publicación se seguirán mejorando y traduciendo a más idiomas en las semanas posteriores a la publicación de la versión.

Acerca de Debian

Debian es un sistema operativo libre desarrollado por miles de voluntarios de todo el mundo quienes colaboran a través de Internet.
Los puntos fuertes del proyecto Debian son su base de voluntarios, su dedicación al Contrato Social de Debian, y su compromiso por ofrecer el mejor sistema operativo posible.
Debian 6.0 es otro paso importante en esa dirección.

Información de contacto

Para más información, visite las páginas de Debian en https://www.debian.org/ o envíe un correo electrónico a <press@debian.org>.
