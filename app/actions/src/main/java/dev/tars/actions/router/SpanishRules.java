package dev.tars.actions.router;

import static dev.tars.actions.router.Intent.AGENDA_QUERY;
import static dev.tars.actions.router.Intent.EVENT_CREATE;
import static dev.tars.actions.router.Intent.MEMORY_REMEMBER;
import static dev.tars.actions.router.Intent.NOTE_CREATE;
import static dev.tars.actions.router.Intent.NOTE_SEARCH;
import static dev.tars.actions.router.Intent.REMINDER_CREATE;
import static dev.tars.actions.router.IntentRules.Need.CALENDAR_PHRASE;
import static dev.tars.actions.router.IntentRules.Need.CALENDAR_PHRASE_AND_MOMENT;
import static dev.tars.actions.router.IntentRules.Need.MOMENT;
import static dev.tars.actions.router.IntentRules.Need.MOMENT_OR_SPAN;
import static dev.tars.actions.router.IntentRules.Need.NOTHING;

import java.util.List;

/**
 * The Spanish sentence rules. Patterns read normalized text (no accents: "recuérdame" is {@code recuerdame},
 * "mañana" {@code manana}), so missing accents cost nothing.
 */
final class SpanishRules {
  static final IntentRules INSTANCE = build();

  private static final String COLON = "(?: [:,-])?";
  private static final String CALENDAR = "(?:calendario|agenda)";
  private static final String TAIL = "(?: (?:para|de|del|en|el|la|los|las|por favor|porfa|pues|hoy|ahora))*"
      + "(?: [?.!,])*$";
  /** An infinitive, perhaps with a pronoun: llamar, comprarle, recogerlos. */
  private static final String INFINITIVE = "(?= \\S+(?:ar|er|ir)(?:me|te|le|lo|la|les|los|las|se)?(?: |$))";

  private SpanishRules() {}

  private static IntentRules build() {
    return new IntentRules.Builder()
        .politePrefix("por favor|porfa|porfavor|oye|oiga|hola|eh|vale|ok|bueno|venga|pues|a ver|asegurate de|tars|jarvis|asistente|y|tambien"
            + "|ahora|puedes|podrias|podria|me puedes|me podrias|me podria|puede|me puede|quieres|te importa"
            + "|necesito que|quiero que|quisiera que|haz el favor de|hazme el favor de|me haces el favor de"
            + "|me haces el favor|dime|me dices|me puedes decir|podrias decirme|sabes|,|!|\\.|-|:")
        .politeAnywhere("por favor|porfa|porfavor")
        .eventNoise("(?:(?:,|y|asi que|por favor) )*(?:puedes |podrias )?(?:anadelo|anadela|ponlo|ponla|apuntalo"
            + "|apuntala|metelo|metela|guardalo|guardala|anotalo|anotala)\\b")
        .calendarPhrase("\\b(?:(?:en|a|al|dentro de|para) (?:mi|el|la|nuestro|nuestra|tu) " + CALENDAR
            + "|al calendario|en calendario|a la agenda)\\b")
        .actionWords("recuerdame|recordatorio|recordatorios|recordar|apunta|anota|nota|notas|calendario|agenda"
            + "|recuerda|evento|cita|reunion|alarma|avisame|olvides|olvide")
        .lookalike("(?:recuerdame|recordarme|me recuerdas|recuerda(?:me)?|recuerdeme)(?: otra vez| de nuevo)?(?: ,)?"
            + " (?:que es|que son|que significa"
            + "|que era|que fue|que quiere decir|como|cual|cuales|quien|quienes|por que|porque|donde|cuando|cuanto"
            + "|cuantos|cuantas|si)\\b")
        .lookalike("(?:escribe|escribeme|escribir|redacta|redactame|redactar|manda|mandale|envia|deja|dejale"
            + "|ayudame a escribir)(?: una?| la| el)? (?:\\S+ ){0,3}?(?:nota|notita|carta|correo|email|mensaje|tarjeta"
            + "|poema)(?: [\\p{L}'-]+){0,5}? (?:a|al|para)\\b")
        .lookalike("(?:escribe|escribeme|redacta|redactame)(?: una?)? (?:[\\p{L}'-]+ )?(?:nota|redaccion|texto|parrafo"
            + "|resumen) (?:sobre|acerca de)\\b")
        .lookalike("(?:te acuerdas|recuerdas|te acordaras|que recuerdas|que sabes)\\b")
        .trigger(EVENT_CREATE, 0.92, CALENDAR_PHRASE, "(?:pon|ponme|poner|ponerme|anade|anademe|anadir|mete|meteme"
            + "|meter|apunta|apuntame|apuntar|anota|anotame|agrega|agregame|agregar|guarda|guardame|crea|crear|creame"
            + "|programa|programame|agenda|agendame|reserva|bloquea|incluye|marca|escribe)")
        .trigger(EVENT_CREATE, 0.9, CALENDAR_PHRASE_AND_MOMENT, "(?:tengo|hay)"
            + "(?! (?:algo|nada|alguna?|algun|planes|citas|reuniones|eventos|libre)\\b)(?: una?)?")
        .trigger(NOTE_SEARCH, 0.9, NOTHING, "(?:busca|buscar|buscame|encuentra|encontrar|encuentrame|mira|mirar"
            + "|revisa|revisar|consulta|consultar|muestra|muestrame|mostrar|mostrarme|ensena|ensename|ensenarme|lista"
            + "|listar|lee|leeme|abre|dame|saca)(?: en| entre)? (?:todas )?(?:mis |las |la |mi |una |alguna |tus )?"
            + "notas?(?: (?:de|del|sobre|acerca de|con|para|que hablan? de|que mencionan?))?" + COLON
            + "(?: (?:donde|en la que|en que|que) (?:apunte|anote|escribi|puse|guarde|meti))?")
        .trigger(NOTE_SEARCH, 0.9, NOTHING, "(?:que|cual|cuales|q) (?:apunte|anote|escribi|guarde|puse|apuntamos"
            + "|tengo apuntado|tenia apuntado|tengo anotado|tengo en (?:mis )?notas)(?: en (?:mis |las )?notas)?"
            + " (?:sobre|de|del|acerca de|en relacion (?:a|con)|respecto a|respecto de|para)")
        .trigger(NOTE_SEARCH, 0.9, NOTHING, "(?:busca|buscame|encuentra|encuentrame|dime|mira|ensename|muestrame)"
            + " (?:lo que|que|todo lo que) (?:apunte|anote|escribi|guarde|puse) (?:sobre|de|del|acerca de|en relacion a)")
        .trigger(NOTE_SEARCH, 0.9, NOTHING, "(?:alguna|algunas|una) notas? (?:sobre|de|del|acerca de)")
        // "¿dónde apunté...?", "¿guardé algo sobre...?", "¿anoté algo de...?"
        .trigger(NOTE_SEARCH, 0.88, NOTHING, "(?:donde|cuando|en que nota) (?:apunte|anote|escribi|guarde|puse|meti"
            + "|deje apuntado|deje anotado)(?: en (?:mis |las )?notas)?")
        .trigger(NOTE_SEARCH, 0.88, NOTHING, "(?:apunte|anote|escribi|guarde|puse|tengo apuntado|tengo anotado)"
            + " (?:algo|alguna cosa|una nota|alguna nota|notas)(?: en (?:mis |las )?notas)? (?:sobre|de|del|acerca de"
            + "|respecto a|para)")
        .trigger(NOTE_SEARCH, 0.9, NOTHING, "(?:tengo|hay|tienes) (?:alguna |una |algunas |unas )?notas? "
            + "(?:sobre|de|del|acerca de|con|que hable de)")
        .trigger(NOTE_SEARCH, 0.9, NOTHING, "que dicen (?:mis |las )?notas (?:de|del|sobre|acerca de)")
        .trigger(AGENDA_QUERY, 0.9, NOTHING, "(?:que|q) (?:tengo|hay|me toca|tenemos|tengo yo)"
            + " (?:en|para) (?:mi|el|la) " + CALENDAR + TAIL)
        .trigger(AGENDA_QUERY, 0.9, NOTHING, "(?:que|q) (?:tengo|me toca|tenemos)(?: (?:planeado|previsto"
            + "|programado|apuntado|pendiente))?" + TAIL)
        .trigger(AGENDA_QUERY, 0.88, MOMENT_OR_SPAN, "(?:que|q) (?:hay|pasa)(?: (?:planeado|previsto|programado))?"
            + TAIL)
        .trigger(AGENDA_QUERY, 0.9, NOTHING, "(?:que|cuales|q) (?:planes|citas|eventos|reuniones|compromisos"
            + "|cosas) (?:tengo|hay|tenemos)" + TAIL)
        .trigger(AGENDA_QUERY, 0.88, MOMENT_OR_SPAN, "(?:como|que tal) (?:tengo|estoy|voy)(?: de)?" + TAIL)
        // Preguntas de agenda sin palabra de agenda, solo con un día o un periodo: "¿qué hago el sábado?",
        // "¿cómo pinta el lunes?", "¿hay reuniones el jueves?", "¿dónde tengo que estar mañana?".
        .trigger(AGENDA_QUERY, 0.85, MOMENT_OR_SPAN, "(?:que|q) (?:hago|voy a hacer|me espera|me toca hacer)" + TAIL)
        .trigger(AGENDA_QUERY, 0.85, MOMENT_OR_SPAN, "(?:como|que tal) (?:pinta|se ve|se presenta|viene)" + TAIL)
        .trigger(AGENDA_QUERY, 0.85, MOMENT_OR_SPAN, "hay (?:reuniones|citas|eventos|planes|compromisos|alguna (?:reunion"
            + "|cita)|algun (?:evento|plan|compromiso))" + TAIL)
        .trigger(AGENDA_QUERY, 0.85, MOMENT_OR_SPAN, "donde (?:tengo|tendre) que estar" + TAIL)
        .trigger(AGENDA_QUERY, 0.85, MOMENT_OR_SPAN, "(?:como|que) se (?:presenta|viene|avecina|plantea)(?: el dia)?"
            + TAIL)
        .trigger(AGENDA_QUERY, 0.88, NOTHING, "(?:como|que tal) (?:viene|va|pinta|se ve|se presenta|esta|sera)"
            + " (?:mi|la|el) (?:agenda|calendario|dia|semana|horario)" + TAIL)
        .trigger(AGENDA_QUERY, 0.85, MOMENT_OR_SPAN, "(?:mis|las|los) (?:eventos|citas|reuniones|planes|compromisos)"
            + TAIL)
        .trigger(AGENDA_QUERY, 0.9, NOTHING, "(?:cual es|como es|como esta|como tengo) (?:mi|la|el) (?:agenda"
            + "|calendario|dia|semana|horario)" + TAIL)
        .trigger(AGENDA_QUERY, 0.9, NOTHING, "(?:estoy|estare|estamos|voy a estar) (?:libre|libres|ocupad[oa]s?"
            + "|disponible)" + TAIL)
        .trigger(AGENDA_QUERY, 0.9, NOTHING, "tengo (?:libre|el dia libre|hueco|algo|alguna cosa|alguna (?:cita"
            + "|reunion)|algun (?:evento|plan|compromiso)|citas|reuniones|eventos|planes|compromisos)"
            + "(?: (?:en|para) (?:mi|el|la) " + CALENDAR + ")?(?: libre)?" + TAIL)
        .trigger(AGENDA_QUERY, 0.85, MOMENT_OR_SPAN, "(?:(?:hay|tengo) )?(?:alguna|algun|algo)(?: (?:cita|reunion"
            + "|evento|plan|compromiso|cosa))?(?: (?:planeado|previsto|programado|pendiente))?" + TAIL)
        .trigger(AGENDA_QUERY, 0.9, NOTHING, "(?:(?:hay|tengo) )?(?:alguna|algun|algo)(?: (?:cita|reunion|evento"
            + "|plan|compromiso|cosa))? (?:en|para) (?:mi|el|la) " + CALENDAR + TAIL)
        .trigger(AGENDA_QUERY, 0.9, NOTHING, "(?:muestrame|ensename|dime|lee|leeme|abre|mira|revisa|lista|listame"
            + "|consulta|ver|muestra|ensena|dame|mostrar|ensenar)(?: me)? (?:mi|la|el|mis|las|los) (?:agenda"
            + "|calendario|citas|eventos|planes|reuniones|compromisos|horario)" + TAIL)
        .trigger(AGENDA_QUERY, 0.85, NOTHING, "(?:mi|la) (?:agenda|calendario)" + TAIL)
        .trigger(REMINDER_CREATE, 0.92, NOTHING, "(?:recuerdame|recordarme|recuerdeme|me recuerdas|me recuerdes"
            + "|recordadme|avisame|avisarme|me avisas|me avises|avisadme)(?: (?:de que|que|de|para|lo de"
            + "|lo del))?")
        // "¿me podrías recordar llamar...?", but not "¿puedes recordar cosas...?".
        .trigger(REMINDER_CREATE, 0.85, NOTHING, "recordar" + INFINITIVE)
        .trigger(REMINDER_CREATE, 0.92, NOTHING, "(?:pon|ponme|poner|ponerme|crea|creame|crear|anade|anademe|anadir"
            + "|programa|programame|haz|hazme|quiero|necesito|dame|mete|agrega|agregame|configura|activa|nuevo"
            + "|nueva)(?: me)? (?:un |una )?(?:nuevo |nueva )?(?:recordatorio|alarma|aviso)(?: (?:para|de|que|a"
            + "|con|diciendo))?" + COLON)
        .trigger(REMINDER_CREATE, 0.9, NOTHING, "(?:recordatorio|aviso)(?: (?:para|de|que))?" + COLON)
        .trigger(REMINDER_CREATE, 0.9, NOTHING, "(?:que )?no (?:se )?me (?:dejes|dejeis|deje) olvidar(?:me)?"
            + "(?: (?:de|que))?")
        .trigger(REMINDER_CREATE, 0.9, NOTHING, "que no se me (?:olvide|olviden|pase)(?: (?:de|que))?")
        .trigger(REMINDER_CREATE, 0.9, NOTHING, "(?:haz|haced|hagas) que me acuerde(?: (?:de que|de|que))?")
        // "¿me puedes recordar...?" once the courtesy is gone: "recordar" with a date or an infinitive after it.
        .trigger(REMINDER_CREATE, 0.85, MOMENT, "(?:recordar|recordarme)(?: (?:que|de que|de))?")
        .trigger(REMINDER_CREATE, 0.85, NOTHING, "(?:no (?:te )?olvides|acuerdate|recuerda|recuerde)(?: de)?"
            + INFINITIVE)
        .trigger(NOTE_CREATE, 0.92, NOTHING, "(?:apunta|apuntame|apuntate|apuntar|apuntalo|anota|anotame|anotar"
            + "|anotalo|apunte|anote)(?: (?:en (?:mis |las )?notas|esto))?(?: (?:que|de que))?" + COLON)
        .trigger(NOTE_CREATE, 0.92, NOTHING, "(?:toma|tomar|tome|haz|hazme|hacer|crea|creame|crear|anade|anadir"
            + "|agrega|agregar|guarda|guardame|guardar|escribe|escribir|escribeme|deja|dejame|nueva|nuevo|pon|ponme"
            + "|apuntate)(?: me)? (?:una |un |esta |esto como |esto como una |eso como )?(?:nueva |pequena |breve )?"
            + "nota(?: rapida| breve| corta)?(?: (?:de que|que diga que|que diga|que|con|llamada|titulada|sobre"
            + "|diciendo que|diciendo))?" + COLON)
        .trigger(NOTE_CREATE, 0.9, NOTHING, "(?:nueva )?nota(?: rapida| breve| nueva| para mi)?(?: [:,-])")
        .trigger(NOTE_CREATE, 0.9, NOTHING, "(?:anade|anadir|pon|poner|guarda|guardar|mete|meter|escribe|agrega"
            + "|apunta)(?: esto| lo siguiente)? (?:en|a) (?:mis |las |tus )?notas(?: (?:que|de que))?" + COLON)
        .trigger(MEMORY_REMEMBER, 0.9, NOTHING, "(?:recuerda|recuerde|recuerdes|acuerdate|acuerdese|memoriza"
            + "|memorizar|no olvides|no te olvides|no olvide|ten en cuenta|tenga en cuenta|toma en cuenta"
            + "|para que lo sepas|que sepas|para tu informacion|para que conste|apunta en tu memoria"
            + "|guarda en (?:tu|la) memoria|aprende|quiero que sepas|ten presente|tenga presente|ten en mente"
            + "|guarda en memoria|apunta en memoria|no te olvides de)(?: (?:de que|que|esto|de esto|lo siguiente))?"
            + COLON)
        // Un dato dicho y luego "recuérdalo" ("soy celíaco, recuérdalo").
        .statement(MEMORY_REMEMBER, 0.85, "(?!(?:que|quien|como|por que|donde|cuando|cual|cuales)\\b).+ ,? (?:recuerdalo"
            + "|recuerda eso|recuerda esto|acuerdate|memorizalo|tenlo en cuenta|tenlo presente|no lo olvides"
            + "|apuntatelo|guardalo en tu memoria)(?: [.!])*$")
        // Datos personales dichos sin más: "mi cumpleaños es...", "mi mujer se llama...".
        .statement(MEMORY_REMEMBER, 0.8, "(?:mi|mis|nuestro|nuestra) (?:[\\p{L}'-]+ ){0,3}?(?:cumpleanos|nombre|direccion"
            + "|telefono|numero de telefono|movil|correo|email|grupo sanguineo|aniversario|santo|dni|pin|matricula"
            + "|talla|numero de empleado|alergia|alergias|codigo postal|(?:color|comida|musica|pelicula|libro|equipo)"
            + " favorit[oa]) (?:es|son)(?! (?:que|quien|como|donde|cuando)\\b)")
        .statement(MEMORY_REMEMBER, 0.8, "(?:mi|mis) (?:[\\p{L}'-]+ ){1,3}?se llaman? (?!(?:como|que)\\b)")
        .factTrailing(", recuerdalo", "recuerdalo", ", recuerda eso", "recuerda eso", ", tenlo en cuenta",
            "tenlo en cuenta", ", no lo olvides", "no lo olvides", ", acuerdate", "acuerdate", "vale")
        .trigger(EVENT_CREATE, 0.9, NOTHING, "(?:crea|creame|crear|anade|anadir|haz|hazme|nuevo|nueva|pon|agrega"
            + "|agregar|programa)(?: me)? (?:un |una )?(?:nuevo |nueva )?evento(?: (?:para|de|llamado|titulado"
            + "|con nombre))?" + COLON)
        .trigger(EVENT_CREATE, 0.9, NOTHING, "(?:calendario|agenda|evento|nuevo evento)(?: [:,-])")
        .trigger(EVENT_CREATE, 0.9, NOTHING, "(?:nueva|crea una|anade una|haz una) (?:cita|reunion)(?: [:,-])")
        .trigger(EVENT_CREATE, 0.88, NOTHING, "(?:programa|programame|programar|agenda|agendame|agendar|concierta"
            + "|concertar)(?! (?:de|del|es|esta)\\b)")
        // "reserva", "organiza" also start other requests: only with a day or time.
        .trigger(EVENT_CREATE, 0.85, MOMENT, "(?:reserva|reservame|reservar|organiza|organizame|organizar|planifica"
            + "|planificar|fija|fijar)(?! (?:de|del|es|esta)\\b)")
        .trigger(EVENT_CREATE, 0.72, MOMENT, "(?:anade|anadir|pon|poner|crea|crear|mete|meter|agrega|agregar"
            + "|apunta)")
        .leading(REMINDER_CREATE, "que", "de", "de que", "para", "lo de", "lo del", "diciendo", "diciendo que")
        .leading(NOTE_CREATE, "que", "de que", "que diga que", "con", "llamada", "titulada", "diciendo que")
        .leading(MEMORY_REMEMBER, "que", "de que", "esto", "lo siguiente")
        .leading(NOTE_SEARCH, "de", "del", "sobre", "acerca de", "lo de", "lo del", "lo que", "el tema de", "el",
            "que mencionen", "que mencionan", "que mencione", "que mencionen a", "que mencionan a", "que hablen de", "que hablen de", "que hablan de", "mencionando",
            "que contengan", "con la palabra", "algo sobre", "algo de", "algo del",
            "la", "los", "las", "un", "una", "mi", "mis", "para", "con")
        .leading(EVENT_CREATE, "para", "de", "llamado", "titulado", "un", "una", "con nombre")
        .trailing("a", "el", "la", "los", "las", "de", "del", "para", "en", "por", "y", "con", "al", "gracias",
            "desde", "hasta", "sobre", "antes")
        .location(List.of("en"), List.of("el", "la", "los", "las"))
        .wholeWeek("\\b(?:mi|la) semana\\b")
        .build();
  }
}
