El soporte a largo plazo para Debian 6.0 llega al final de su ciclo de vida

No habrá más soporte de seguridad para Debian 6.0.

El equipo de soporte a largo plazo («Long Term Support», LTS) de Debian anuncia que el soporte a Debian 6.0 (“squeeze”) alcanzará el final de su ciclo de vida el 29 de febrero de 2016, cinco años después de su publicación inicial el 6 de febrero de 2011.

El equipo LTS preparará la transición a Debian 7 (“wheezy”), que es la actual versión antigua-estable.
El equipo LTS pasará a encargarse de su soporte, relevando al equipo de seguridad, el 26 de abril de 2016.

Debian 7 también recibirá soporte a largo plazo durante cinco años desde su publicación inicial, finalizando este soporte en mayo de 2018.

Debian y su equipo LTS agradecen sus contribuciones a los usuarios, desarrolladores y patrocinadores que hacen posible extender la vida de versiones estables antiguas, y que han hecho del LTS un éxito.

Si depende de Debian LTS, por favor, considere unirse al equipo, proporcionar parches, hacer pruebas o financiar estas actividades.

Acerca de Debian

El proyecto Debian fue fundado en 1993 por Ian Murdock para ser un proyecto comunitario verdaderamente libre.
Desde entonces el proyecto ha crecido hasta ser uno de los proyectos más grandes e importantes de software libre.
Miles de voluntarios de todo el mundo trabajan juntos para crear y mantener programas para Debian.
Se encuentra traducido a 70 idiomas y soporta una gran cantidad de arquitecturas de ordenadores, por lo que el proyecto se refiere a sí mismo como el “sistema operativo universal”.

Información de contacto

Para más información, visite las páginas web de Debian en https://www.debian.org/ o envíe un correo electrónico a <press@debian.org>.
