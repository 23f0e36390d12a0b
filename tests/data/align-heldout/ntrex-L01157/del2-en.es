El número de víctimas del tsunami de Indonesia aumenta a 832

El número de víctimas por el terremoto y el tsunami sucedido en Indonesia ha aumentado a 832, tal como informó la agencia de emergencias del país a primera hora del domingo.
Muchas personas quedaron atrapadas entre los escombros de los edificios que se derrumbaron durante el terremoto de magnitud 7,5 que se produjo el viernes y que desató olas de hasta seis metros, según informó el portavoz de la agencia, Sutopo Purwo Nugroho durante una rueda de prensa.
La ciudad de Palu, con más de 380 000 habitantes, quedó cubierta de restos de los edificios derrumbados.

La policía arresta a un hombre de 32 años como sospechoso de asesinato después de que una mujer fuese apuñalada hasta la muerte

Se ha abierto una investigación por asesinato después de que se encontrase el cuerpo de una mujer en Birkenhead, en Merseyside, esta mañana.
La mujer de 44 años fue encontrada a las 7:55 con puñaladas en Grayson Mews, en John Street, lo cual supuso el arresto de un hombre de 32 años como sospechoso de asesinato.
La policía ha instado a las personas de la zona que hayan visto u oído algo a que acudan a la policía.
El inspector Brian O'Hagan comentó: “La investigación se encuentra en las fases iniciales, pero animaría a cualquiera que estuviese estado cerca de Jonh Street, en Birkenhead, y que haya visto u oído algo sospechoso a que contactase con nosotros.

Además, recomendaría a cualquier persona, especialmente a los taxistas, que haya podido captar algo en dashcam que contactase con nosotros, ya que pueden tener información vital para nuestra investigación”.
Un portavoz de la Policía ha confirmado que la mujer cuyo cuerpo se ha encontrado es de Birkenhead y que se halló en el interior de una propiedad.
Esta tarde algunas personas que creen conocer a la mujer llegaron a la escena del crimen para saber dónde la habían encontrado esta mañana.

La investigación está en curso y la policía ha informado de que están en proceso de informar a los familiares de la víctima.

Un taxista que vive en Grayson Mews ha intentado volver a entrar en su piso, pero la policía le dice que nadie puede entrar ni salir del edificio.

Se quedó perplejo cuando descubrió lo que había sucedido.

Ahora, se informa a los residentes que se les permitirá volver a entrar en unas horas.
Alguien oyó a un agente contar a un hombre que toda la zona se estaba tratando como escena del crimen.

Una mujer apareció en el lugar en lágrimas.
No deja de repetir “es terrible”.
A las dos de la tarde, había dos furgonetas de policía dentro del cordón y una más fuera.
Varios agentes permanecían en pie dentro del cordón controlando el bloque de pisos.
Se solicita a cualquier persona que tenga información que envíe un correo a DM @MerPolCC, llame al 101 o que contacte con Crimestoppers de forma anónima en el número 0800 555 111, registro 247 del 30 de septiembre.

La estatua de Cromwell del Parlamento se convierte en el último éxito conmemorativo por “reescribir la historia”

Su prohibición sería un acto de justicia poética para esta destrucción estilo talibán de tantos objetos culturales y religiosos de Inglaterra llevada a cabo por sus fanáticos seguidores puritanos.

Sin embargo, la Cromwell Society describió las sugerencias del señor Crick como una “locura” y un “intento de reescribir la historia”.
John Goldsmith, presidente de la Cromwell Society, comentó: “En el debate actual sobre la eliminación de estatuas, era inevitable que sacar la figura de Oliver Cromwell del Palacio de Westminster se convirtiese en un objetivo.
La iconoclasia de las guerras civiles inglesas no fue ordenada ni llevada a cabo por Cromwell.
Puede que se sacrifique al Cromwell equivocado por las acciones de su antepasado, Thomas, durante el siglo anterior.
La magnífica representación de Sir William Hamo Thorneycroft de Cromwell es una prueba de la opinión del siglo XIX y de parte de la historiografía de una figura que muchos consideran digna de celebrar.

Tal como señaló el señor Goldsmith a The Sunday Telegraph: “Muchos consideran a Cromwell, quizás más a finales del siglo XIX que en la actualidad, un defensor del parlamento ante la presión externa, en este caso, está claro, la monarquía.
Si se trata de una descripción totalmente precisa es cuestión de continuar con el debate histórico.
Lo que sí es cierto es que el conflicto de mediados del siglo XVII ha dado forma al posterior desarrollo de nuestra nación, y Cromwell es una figura reconocible que representa una cara de esa división.

Sus logros como Lord Protector también son dignos de celebrar y conmemorar.”.

Acerca de la Agencia Europea de Noticias

La Agencia Europea de Noticias es una cooperativa de periodistas fundada en 1998 con oficinas en Bruselas, Madrid y Varsovia.
Publica cada día crónicas en once idiomas para más de 400 medios asociados.

Contacto

Para más información, visite https://www.aen-news.eu/ o escriba a <prensa@aen-news.eu>.
