Los soldados rebeldes se rinden en Manila.

En las Filipinas se han rendido los soldados rebeldes que se habían atrincherado en un hotel en Manila y habían exigido la caída de la presidente Gloria Macapagal Arroyo.
El cabecilla Antonio Trillanes, que reprocha a la presidente, la corrupción y fraude electoral, dijo a una reportera que no podía responder por derramar sangre.
Los soldados fieles al gobierno habían asaltado el hotel usando gas lacrimógeno.
Casi dos cientos soldados se atrincheraban desde hace unas horas en el edificio.
Casi la mitad de ellos, entre ellos Trillanes, tenía el jueves juicio por haber intentado un golpe de estado en el año 2003 que acabó con en un fracaso.

Norberto Gonzales, el consejero de Seguridad Nacional, condenó el comportamiento de los soldados.
"La gente está harta", dijo Trillanes.
"Convocamos a la gente a pasar a nuestras filas".
El general Danilo Lim, que antes dirigía la tropa de elite Scout Reangers, dijo que dentro de poco las otras tropas militares querían seguir la marcha.

Los grandes críticos de gobierno convocaron el jueves a una gran manifestación contra la presidente.
Desde hace meses su gobierno recibe reproches por la corrupción.

En 2003 el distrito financiero en Manila fue un sitio que atraía toda la atención por el motín que fue intentado contra Arroyo.
El levantamiento fracasó después de cerca 24 horas por que el ejército quiso participar.

Desde 1986 en las Filipinas han habido al menos siete intentos de golpes de estado contra el gobierno elegido de manera democrática.

United Internet será el accionista más grande de Versatel.

United Internet aseguró más de 20 por ciento de las acciones de la empresa de telecomunicación Versatel.
El miércoles la empresa informó que el precio medio por una acción es de 14, 46 euros.
Se tiene solo 20,05 por ciento del capital social.

Había muchas especulaciones acerca de la absorción de la compañía.
Hay también las opciones por aumentar más la parte financiera en Versatel.
United Internet informó que con este paso quiere acelerar la consolidación del mercado alemán de DSL (Línea de abonado digital).
El miércoles ya hicieron las suposiciones sobre la entrada en el negocio, después de que el banco Brendenberg aumentó su participación al operador de red de Duesseldorf por 5 por cientos al 15,1 por cientos.

En el mercado financiero eso significa que la institución financiera mantiene los títulos de participación para un socio tercero.
United Internet ya en el día anterior hizo participar con casi 10 por cientos a la empresa de telecomunicación Drillisch.

Drillisch en la medida de ampliación de capital colocó 17,4 millones de las acciones nuevas que tienen un valor de 106,4 millones de euros.
United Internet ha comprado de ellos 5,15 millones de acciones por 31,4 millones de euros.
Además, las empresas empezaron con las negociaciones sobre cooperaciones de comercialización de los DSL-productos.
"Fortalecemos nuestra colaboración", explicó el portavoz de United Internet.
Las dos empresas fundaron una empresa junta MSP, para adquirir al competidor Freenet.

El jueves United Internet informó que al inicio, las dos empresas quieren estar contentos con la participación de diez por ciento a Freenet y no hacen uso de su derecho, es decir, hacen participar a 18,49 por cientos de Freenet.
Eso significaba que ambas empresas mantuvieron todas las opciones, sobre todo la participación a la sociedad anónima Freenet.
Las negociaciones entre United Internet y Freenet sobre una asociación estratégica terminaron a mediados de noviembre.
Este "juego" con Freenet que durará durante muchos meses y no es muy comprensible es parte de la consolidación del mercado alemán de Telecom.
Al final del tercer trimestre Freenet tenía 2,9 millones de clientes con un contrato de teléfono móvil y 1,27 millones con un contrato de DSL o un contrato completo.

Hasta ahora el holding de United Internet y Drillisch tenía directamente 6,01 por ciento de la participación en Freenet.

Entonces habían acordado que Drillisch va a lograr el otro cuatro por ciento.
El derecho de comprar 18,49 por ciento de la sociedad de inversión Vatas ya fue acordado en agosto.

Triunfo de la derecha populista en Austria, juntos forman el 29 %

Las elecciones anticipadas al parlamento austriaco han traído según los primeros resultados aproximados, un apreciable debilitamiento de ambos partidos de la gran coalición actual y un expresivo fortalecimiento del partido de la derecha populista.
Unas fuertes y especiales pérdidas ha sufrido el Partido Popular Austríaco (OVP), donde se tambalea seriamente la posición del actual presidente, Wilhelm Molterer.
Por el contrario, el líder de la Alianza para el futuro de Austria (BZO), el jefe del gobierno del estado de Carintia, Jörg Haider, prepara su regreso triunfal a la política nacional.
Según los resultados aproximados, la socialdemocracia (SPÖ) permanece como el partido más fuerte en el país con un 29,8 por ciento de votos, por lo que pierde un 5,5 por ciento de voto en comparación con las últimas elecciones del año 2006.
Peor todavía ha terminado el OVP que pierde un 25,6 por ciento, casi un nueve por ciento de votos.

Son los peores resultados, literalmente catastróficos, en la historia de estos dos grandes partidos austríacos desde la posguerra y especialmente para los populares que convocaron estas elecciones anticipadas.

Todavía a principios de julio, cuando el OVP salió de la coalición, los populares tenían en lo que se refiere a preferencia ante el SPO, una ventaja considerable.
Está claro, sin embargo, que los votantes los castigaron por dejar que el gobierno naufragara.

Ya en las primeras reacciones a los resultados se dejaron oír especulaciones sobre la dimisión del presidente del partido y, hasta hoy, vicecanciller, Wilhelm Molterer.
Los observadores creen que ya este lunes se podría llegar a ello en la reunión excepcional de la presidencia del partido.

Tal evolución evidentemente facilitaría el camino del constante y más aproximado punto de partida de los resultados electorales, es decir, de la renovación de la gran coalición entre SPO y OVP.

Acerca de Noticias Abiertas

Noticias Abiertas traduce y distribuye artículos de actualidad bajo licencias libres.
Más de 120 voluntarios de 30 países revisan cada traducción antes de publicarla.

Información de contacto

Escriba a <equipo@noticias-abiertas.net> o visite https://noticias-abiertas.net/.
