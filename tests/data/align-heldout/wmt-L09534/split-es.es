HP instalará en dos años 20 tiendas propias con distribuidores locales

Hewlett-Packard (HP) inauguró ayer en Barcelona su primera tienda exclusiva en colaboración son su socio Pont Reyes.
Este será el primera de la red de 20 comercios de entre 80 y 100 metros cuadrados que la multinacional prevé instalar en España durante los próximos dos años.
La compañía compatibilizará esta iniciativa con las 16 áreas ya presentes en centros multimarca como PC City, Carrefour, Saturn y El Corte Inglés.
La vicepresidenta de HP España, Helena Herrero, puso como ejemplo la remodelada tienda ubicada en la Gran Vía barcelonesa, propiedad de Pont Reyes, con quien colabora desde hace 30 años.

El grupo norteamericano ha preparado un plan para ubicar 200 puntos de venta de marca en Europa en 2013, estrategia que incluye los 20 establecimientos españoles.
Los primeros en abrir fueron Bucarest (Rumanía) y Belgrado (Serbia) la semana pasada, siendo el de Barcelona el tercero.
Herrero no quiso desvelar las siguientes aperturas posibles, aunque reconoció que Madrid podría ser el siguiente destino.
La también directora de HP sistemas personales aseguró que la filosofía para instalar las tiendas será siempre la misma, apoyándose en un distribuidor local con experiencia y conocimiento del sector.

El grupo norteamericano asesora y se encarga del diseño mobiliario exclusivo de las tiendas (con productos que se pueden tocar de forma interactiva), que en Europa tendrán una imagen idéntica.
Además, HP cubre la formación del personal de los establecimientos.
Helena Herrero negó que se tratara de un sistema de franquicia y destacó que la red exclusiva de comercios pretende "mejorar el servicio al cliente y a las pymes en la compra, la atención, la posventa e incluso el embalaje".
La tienda de Barcelona incluye un espacio con un programa piloto pionero a nivel mundial que se encarga de resolver los posibles problemas de los equipos informáticos de HP en garantía; un servicio online conecta con un centro técnico ubicado en Maastricht (Holanda).

"Así, en 10 minutos podemos solventar problemas que a veces pueden tardar hasta dos días."
"Este sistema está diseñado especialmente para pymes y usuarios, puesto que las grandes empresas ya tienen contratados servicios de asistencia técnica", remarcó ayer Helena Herrero.

Sabadell apuesta por 'robar' un millón de clientes a sus rivales en tres años

Más optimista que otros directivos, el consejero delegado de Banco Sabadell, Jaime Guardiola, cree que 2011 será un año duro para la banca.
Pero descarta inicialmente una nueva crisis de liquidez y vaticina el fin de la guerra del pasivo.
Pese a ello, prevé un desplome de los márgenes de intereses, que se intentarán compensar en parte con subidas de comisiones y del precio del crédito.
Sabadell espera captar en tres años un millón de clientes particulares, su asignatura pendiente.
Sabadell ha encontrado una vía para explotar los tres próximos años y poder así sobrevivir en un entorno económico muy complicado.
El banco pondrá en marcha en 2011 un nuevo plan director que tendrá una vigencia de tres años.

El objetivo, además de sobrevivir sin necesidad de recurrir a las ayudas públicas del FROB, es ganar cuota de mercado con la captación de un millón de nuevos clientes particulares -700.000 si se descuentan los que pueden salir del banco-, su gran asignatura pendiente, ya que hasta ahora había mimado más a las pymes y empresas que al cliente minorista.
Este año ha captado 250.000 clientes particulares y 50.000 empresas.
Su cuota de mercado en particulares es del 3,5%, mientras que en empresas supera el 10%.

Acerca del Observatorio de Medios

El Observatorio de Medios es una fundación independiente que estudia la prensa internacional desde 2004.
Su trabajo se financia con donaciones privadas y no acepta publicidad.

Contacto de prensa

Teléfono +34 915 550 123, correo <medios@observatorio.org>, web https://observatorio.org/prensa.
