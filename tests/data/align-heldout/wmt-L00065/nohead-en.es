En muchos hospitales se ahorra con los desinfectantes

Este año se han registrado en los hospitales varios miles de infecciones producidas en primer lugar por la aplicación indebida de los antibióticos.
Las circunstancias de higiene reinantes en los hospitales, el hacinamiento de las camas y la sobrecarga del personal no favorecen el control de las infecciones - afirma la médica-jefa de departamento del Centro Nacional de Epidemiología.
En muchos hospitales se ahorra incluso con los desinfectantes.
No hace mucho se ha diagnosticado un contagio con MRSA en el departamento de traumatología del Hospital János.

En un hombre hospitalizado tras un grave accidente se detectó la presencia de la bacteria resistente a los antibióticos.

El paciente fue aislado.
El mismo tipo de contagio se produjo en este mismo hospital a principios del año.
A un herido de un grave accidente automovilístico le dieron alta del hospital y el mismo paciente poco después debió regresar al hospital a consecuencia del contagio con MRSA y desde entonces no se ha podido realizar una importante intervención quirúrgica por la presencia de la bacteria en su organismo.
Hasta el 10 de diciembre de este año se han registrado en el Sistema Nacional Nosocomialis Surveillance 1094 casos de infección hospitalaria producida por agentes multiresistentes - dijo Karolina Böröcz, médica-jefa de departamento del Centro Nacional de Epidemiología.

Esto significa que en los hospitales con toda seguridad se ha registrado esta cantidad de infecciones producidas por agentes multiresistentes, del resto no se tiene información.
Cerca de las dos terceras partes de las infecciones (683 casos) se deben al MRSA, es decir al Staphylococcus aureus, resistente a la meticilina-oxacilina.
Un tercio de los seres humanos llevan en su nariz la bacteria de Staphylococcus aureus (SA) sin causar enfermedad alguna.

Las infecciones producidas por la SA (por ej.: inflamación de la garganta, amigdalitis, infecciones cutáneas, infecciones de heridas) reaccionan bien a los antibióticos y son de fácil tratamiento.

Sin embargo, una vez que se aplique exagerada o indebidamente a los antibióticos, las bacterias que normalmente reaccionan bien a los antibióticos, se transforman en bacterias muy resistentes a los antibióticos y contagian rápidamente en condiciones hospitalarias inadecuadas.
Pueden causar graves infecciones hospitalarias, por ejemplo infecciones de heridas o septicemia en primer lugar a los pacientes con inmunodeficiencia transitoria o crónica, a pacientes con el organismo debilitado, a ancianos o a personas de poco peso.
En opinión del médico-director del Hospital János no hay nada especial en la infección del MRSA, estas infecciones son cotidianas en los hospitales.
No se debe confundir la infección con la epidemia, el MRSA solamente está ausente - dijo Tibor Nyulasi - donde no se examina su presencia.

Resistente a los antibióticos

"Estos pacientes son aislados, el personal de enfermería les atiende en guantes de goma y máscara y existen los antibióticos adecuados para su tratamiento" - dijo Tibor Nyulasi.
Los pacientes hospitalizados son examinados previamente para verificar la presencia del MRSA en su organismo, pero ni siquiera así se puede evitar la infección en todos los casos.

No está de moda tomar muestras

Sería posible prevenir las infecciones hospitalarias del MRSA en la mayoría de los casos, sin embargo las actuales circunstancias hospitalarias nacionales no favorecen para la prevención de la formación y el contagio con los agentes patógenos multiresistentes - afirma Karolina Böröcz.
Como esta infección se produce fundamentalmente en hospitales y hogares de ancianos, los hospitales deberían examinar a los pacientes hospitalizados y aislar inmediatamente a los enfermes que llevan en su organismo el MRSA.
Sin embargo, en los hospitales húngaros no está de moda la toma de muestras microbiológicas.
Este hecho se debe también a que la Caja Nacional de Salud no financia estos exámenes médicos.
De modo que la mayoría de los casos salen a la luz pública cuando se producen ya las infecciones del MRSA visibles en el paciente - dijo la médica-jefa de departamento del centro epidemiológico.

La Unión Europea hace rigurosas encomiendas para la aplicación de los antibióticos en la medicina humana y existen también directivas nacionales para tratar las infecciones y cuadros patológicos.
Hay que empeñarse en que la terapia con antibiótico sea dirigida, o sea, se debería hacer exámenes microbiológicos para impedir que se produzca resistencia frente a los medicamentos, pero los hospitales no siempre cumplen esta exigencia.
La toma de muestras microbiológicas son aún menos frecuentes en el caso de los pacientes ambulantes o en la asistencia básica - afirmó Karolina Böröcz.

Se ahorra con los desinfectantes

Los experimentos científicos han demostrado que en la mayoría de los casos el MRSA se contagia de un paciente a otro a través del personal sanitario.
Por lo tanto, desempeñan un papel muy importante el lavado de las manos, el uso de guantes de goma y de máscaras, sin embargo también en este sentido se experimentan faltas considerables en los hospitales.

El MRSA se contagia mediante la transmisión por gotas y el contacto directo entre personas, sin embargo en las circunstancias hospitalarias nacionales no siempre es posible aislar al paciente contagiado.
Es más, las salas de los hospitales con frecuencia están abarrotadas, las camas muchas veces están muy juntas, aunque para prevenir la epidemia, los pacientes deberían estar separados al menos por una distancia de 1.5 metros.

Lamentablemente se puede experimentar también - agregó Karolina Böröcz - que en los hospitales de situación económica menos favorable se ahorra con los desinfectantes, hay pocos enfermeros y muchos pacientes y por eso hay una mayor probabilidad para la infección.
En opinión de Karolina Böröcz, donde se cumplen las adecuadas medidas de prevención, se registran menos infecciones de este tipo o se puede detener el contagio del agente patógeno.

Programa gubernamental contra el MRSA

El tratamiento del contagio con MRSA es un gasto enorme para el Fondo Nacional de Seguro de Enfermedad, por lo que en todos los países se lucha contra él.
En Inglaterra por ejemplo existe un programa gubernamental para prevenir y reducir los casos del MRSA.
Al parecer el programa tiene éxitos, según los datos suministrados, las infecciones con MRSA muestran tendencia de disminución en Inglaterra.

El Centro Europeo para la Prevención y el Control de las Enfermedades (ECDC) tiene entre sus prioridades la prevención de los agentes multiresistentes (entre estos el MRSA) y la de las infecciones hospitalarias que se deben a estos agentes patógenos.

Acerca de la Agencia Europea de Noticias

La Agencia Europea de Noticias es una cooperativa de periodistas fundada en 1998 con oficinas en Bruselas, Madrid y Varsovia.
Publica cada día crónicas en once idiomas para más de 400 medios asociados.

Contacto

Para más información, visite https://www.aen-news.eu/ o escriba a <prensa@aen-news.eu>.
