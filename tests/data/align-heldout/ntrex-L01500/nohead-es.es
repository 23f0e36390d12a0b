La gente de Macedonia decidió en un referéndum celebrado el domingo sobre si su nombre va a cambiar a “República de Macedonia del Norte”, un gesto que resolvería un conflicto de décadas con Grecia, que había bloqueado su candidatura de adhesión a la Unión Europea y la OTAN.
Grecia, que tiene una provincia llamada Macedonia, mantiene que el nombre de su vecino del norte es una reclamación de su territorio y ha vetado su entrada en la OTAN y la UE.

En junio, ambos gobiernos alcanzaron un acuerdo sobre el nuevo nombre propuesto, pero los opositores nacionalistas sostienen que el cambio menoscabaría la identidad étnica de la población eslava, mayoría en Macedonia.

El presidente Gjorge Ivanov ha dicho que no votará en el referéndum y una campaña de boicot ha puesto en duda si la participación llegará al 50 % mínimo requerido para que el referéndum se considere válido.
En la papeleta del referéndum se planteaba la siguiente pregunta: “¿Está a favor de la adhesión a la OTAN y la UE con la aceptación del acuerdo con Grecia?”
Los partidarios del cambio de nombre, incluido el primer ministro Zoran Zaev, alegan que es un precio que merece la pena pagar para que Macedonia, uno de los países que surgen de la desintegración de Yugoslavia, intente acceder a cuerpos como la UE y la OTAN.
“Hoy he venido a votar por el futuro del país, por los jóvenes de Macedonia, para que puedan vivir con libertad al amparo de la Unión Europea, porque esto supone una vida más segura para todos”, afirmó Olivera Georgijevska, de 79 años, en Skopie.

Aunque no será jurídicamente vinculante, bastantes miembros del Parlamento han dicho que respetarán el resultado de la votación para que sea decisivo.

El cambio de nombre exige una mayoría de dos tercios en el Parlamento.
La Comisión Electoral Estatal declaró que, a la una de la tarde, no se habían notificado irregularidades.
Sin embargo, la participación era solo del 16 %, en comparación con el 34 % de las últimas elecciones al Parlamento celebradas en 2016, cuando un 66 % de los electores registrados depositaron su voto; “He venido a votar por mis hijos, nuestro lugar está en Europa”, declaró Gjose Tanevski, de 62 años, que votaba en la capital, Skopie.
Zoran Zaev, primer ministro de Macedonia, su mujer Zorica y su hijo Dushko depositaron su voto en el referéndum de Macedonia sobre un cambio de nombre del país que abriría las vías para unirse a la OTAN y la Unión Europea en Strumica (Macedonia) el 30 de septiembre de 2018.

Delante del Parlamento, en Skopie, Vladimir Kavardarkov, de 54 años, preparaba un pequeño escenario y retiraba sillas delante de las tiendas de campaña plantadas por quienes iban a boicotear el referéndum.
“Estamos a favor de entrar en la OTAN y la UE, pero queremos hacerlo con la cabeza bien alta, no por la puerta de atrás”, dijo Kavadarkov.
“Somos un país pobre, pero tenemos dignidad.
Si no quieren que entremos como Macedonia, podemos establecer relaciones con otros países, como China y Rusia, y formar parte de la integración euroasiática”.

El primer ministro Zaev dice que la adhesión a la OTAN aportaría la inversión que tanto necesita Macedonia, cuya tasa de desempleo es superior al 20 %.
“Creo que la gran mayoría estará a favor, ya que más del 80 % de los ciudadanos están a favor de la UE y la OTAN”, afirmó Zaev después de depositar su voto.

Acerca del Observatorio de Medios

El Observatorio de Medios es una fundación independiente que estudia la prensa internacional desde 2004.
Su trabajo se financia con donaciones privadas y no acepta publicidad.

Contacto de prensa

Teléfono +34 915 550 123, correo <medios@observatorio.org>, web https://observatorio.org/prensa.
