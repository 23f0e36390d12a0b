Situación límite entre sueño y alucinación

en este mundo demasiado centrado en lo consciente, las experiencias imaginarias suelen por lo general patologizarse, dice Michael Schmidt-Degenhard, catedrático en Heidelberg y médico jefe de la clínica de psiquiatría y psicoterapia del hospital Florence-Nightingale-Krankenhauses en Düsseldorf.
Una psicosis es una enfermedad dura y penosa pero que también entraña algo positivo y creativo – la locura es una obra de arte de la desesperación.
Schmidt-Degenhard ha investigado el llamado oneirismo, una forma especial de consciencia, que se percibe como si fuera un sueño.
Las alucinaciones oníricas son casi sueños muy complejos y detallados que la persona que los experimenta considera real y que posteriormente no puede diferenciar del estar despierto.

Los estados conscientes oníricos surgen en situaciones extremas asociadas a un trauma o una enfermedad, como por ejemplo en pacientes con polirradiculoneuropatía, que experimentan una parálisis motora estando completamente conscientes. die bei vollem Bewusstsein eine motorische Lähmung erleben.

Según Schmidt-Degenhardt, cuando una persona está amenazado por una pérdida de uno mismo o del mundo debido a una incapacidad motora total y permanente, ésta sustituye una situación real muy peligrosa por un mundo propio e imaginario que está desacoplado de la realidad.

Una forma de situación límite entre sueño y alucinación.

Ya que no es posible superar una situación en la realidad, se produce un cambio de mundo, aunque la situación real sigue presente en la imaginación.
Una forma intensiva de dar sentido e interpretación a una situación inaguantable en sí que nuestra propia capacidad de creación nos permite no hundirnos en la nada de la pérdida de consciencia.

Todo es real, aun más tarde en la memoria

También el historiador de arte Peter Cornelius Claussen, de Zúrich, describe sus experiencias oníricas en su libro Herzenwechsel como una acción de salvamento del alma.
Tenía 49 años, cuando su conciencia se embarcó en viajes de varios días tras una operación de las válvulas cardíacas con transplante de corazón incluido, mientras su cuerpo estaba condenado a la inmovilidad en la estación de cuidados intensivos.
Claussen se sumergió en un mundo creado por el mismo y visitó lugares extraños de otros tiempos:se vio postrado en la cama, un hombre mayor a bordo de un sanatorio en un tren, un robot velaba por su salud.
Se vio en la alta Edad Media, rodeado de nobles que producían narcóticos a partir de sangre.
Un griego sobre una moto lo secuestró en su país de origen, hizo surf sobre su cama de hospital en los Alpes con nieve firn y se encontró con un mafioso coreano.

Lo da todo en estos hechos imaginarios, todo es real, aun más tarde en los recuerdos.
Para Claussen, estos viajes interioresson fundamentalmente diferentes de cualquier sueño.

Soñar es un estado diferente, describe así su experiencia.
Al contrario, los recuerdos de los viajes mentales son, muchos años después, muchísimo más claros, incluso en los detalles irrelevantes.

Más claros e intensivos incluso que experiencias reales.
La intensidad de esta experiencia diluyen el horizonte del resto de nuestras experiencias cotidianas, añade el psiquiatra Schmidt-Degenhard.
Por último, los oneirismo, las psicosis, alucinaciones y consumo de estupefacientes muestran lo frágil que es la reproducción interior de la realidad exterior, incluso cuando estamos despiertos.

Cada modificación del estado de conciencia, resume el psicólogo Kasten, "puede llevar a una deformación de lo que llamamos realidad."

Una experiencia que, por otra parte, puede ser completamente enriquecedora.

La nieve puede venir

Burda

Los hijos se harán cargo de la editorial con 27 años

El nuevo editor Kallen ha llegado a una solución provisional: Hubert Burda quiere dejar su empresa en el futuro en manos de sus dos hijos, comentó a SPIEGEL.
El 100% del holding pasará a estar también en manos de la familia.
Hamburgo – El editor Hubert Burda ve su empresa en manos de sus hijos en el futuro.
Los dos hijos se convierten en herederos con 27 años y tienen la firme voluntad de entrar en la empresa, confirmó Burda, de 69 años, a SPIEGEL.
Los detalles se han arreglado como medida de precaución.

Lo siguiente que se cuestiona es si participarán de manera activa en la empresa.
También, si están capacitados para ello.
Uno no puede poner delante de 7.500 trabajadores a sus hijos, si no están suficientemente capacitados para ello.

Eso acabaría con los hijos y también con la empresa.

Burda dio a conocer el jueves que se retirará a partir de enero de la presidencia de la junta directiva y que Paul-Bernhard Kallen ha sido nombrado su sucesor.
Este miembro de la familia Kallen, de 52 es desde 1999 miembro de la dirección de Burda.
En un inicio era responsable de la tecnología.
Más tarde, se encargó de la tesorería y con ello llegó la responsabilidad sobre el patrimonio de la empresa. Tras la salida de Jürgen Todenhöfer también se hizo cargo del marketing directo, el extranjero, impresión y finanzas.
Por primera vez, ningún miembro de la familia ocupa la cúspide de la editorial.

Los hijos de Burda tienen 19 y 17 años. Su hijo Felix, que en la actualidad tendría 42 años, murió hace unos años.
La designación de Kallen sirve también para, " salvar las diferencias de 10, 15 años", según Burda.

El 100% del holding pasará a estar también en manos de la familia.

Con la mirada puesta sobre los casos Schickedanz y Schaeffle, Burda manifestó que las empresas familiares tampoco están a salvo de la decadencia: "Esto siempre ha afectado a familias que se dejan contagiar por el afán de búsqueda de capital, que han juzgado mal y pensaban que podrían elevarse así como el jugador más grande.
Ésa nunca ha sido mi estrategia.

Nunca he tenido " delirios de grandeza" , afirma Burda.

No me veo como un preceptor político de este país, como lo era Springer, y tampoco quiero jugar con el “Time" en la liga mundial; esos negocios se han hecho demasiado grandes.

Belleza integral

Todo lo que -en cuestión de belleza y bienestar- puedas desear, al alcance de tu mano.
Esto es lo que parece haberse propuesto El Corte Inglés, que acaba de inaugurar en el centro comercial de Callao (Madrid) un espacio multidisciplinar de más de 1000 m2 dedicados al cuidado y mimo del cuerpo.

El spa, situado en la planta octava, cuenta con prestigiosas firmas como Hedonai -que se encarga de la depilación láser-; Spaxión, con salas de relajación y tratamientos estéticos; Luis & Tachi peluqueros; Marina d'Or, que posee un gimnasio, o L'Occitane y su cosmética natural, entre otros.

También hay una sección de alimentación, donde destaca la tetería, con más de 130 clases distintas de esta infusión.
Disfrutar de un relajante masaje con tu pareja mientras contemplas las inmejorables vistas de la capital, o alquilar durante dos horas la zona de relax para montarte tu propia 'beauty party' con ocho de tus amigas y relajaros con una sesión de jacuzzi, masajes y tomando una copita de champán son algunas de las posibilidades que ofrece Spaxión.
En total son 250 m2 distribuidos en 12 salas para realizar los últimos y más novedosos tratamientos faciales, corporales y de hidroterapia.
Como, por ejemplo, la cavitación para combatir la celulitis o las plataformas vibratorias.
El gimnasio también cuenta con estas máquinas, además de con unos 'entrenadores' virtuales que van guiando los pasos de los clientes, ofreciéndoles un tratamiento totalmente personalizado.

Todo empieza introduciendo tu clave personal en una pantalla táctil, situada frente a la máquina.
Entonces, varios vídeos nos muestran cómo realizar correctamente nuestra tabla de ejercicios.

Acerca de la Agencia Europea de Noticias

La Agencia Europea de Noticias es una cooperativa de periodistas fundada en 1998 con oficinas en Bruselas, Madrid y Varsovia.
Publica cada día crónicas en once idiomas para más de 400 medios asociados.

Contacto

Para más información, visite https://www.aen-news.eu/ o escriba a <prensa@aen-news.eu>.
