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

/** The English sentence rules. Patterns read normalized text: lower case, no accents, digits for numbers. */
final class EnglishRules {
  static final IntentRules INSTANCE = build();

  private static final String COLON = "(?: [:,-])?";
  private static final String CALENDAR = "(?:calendar|agenda|schedule|diary|planner)";
  private static final String TAIL = "(?: (?:for|like|look like|looks like|looking|looking like|on|in|at|please|then"
      + "|the|today|now|right now))*(?: [?.!,])*$";

  private EnglishRules() {}

  private static IntentRules build() {
    return new IntentRules.Builder()
        .politePrefix("please|pls|kindly|hey|hi|hello|ok|okay|yo|so(?! you know)|make sure you|make sure to|be sure to|oh|and|also|now|then|tars|jarvis|assistant"
            + "|could you|can you|would you|will you|could you please|can you please|would you please"
            + "|would you mind|would you be so kind as to|i need you to|i want you to|i'd like you to"
            + "|i would like you to|go ahead and|just|quickly|quick|,|!|\\.|-|:")
        .politeAnywhere("please|pls|kindly")
        .eventNoise("(?:(?:,|and|so|please) )*(?:can you |could you |please )?(?:add|put|save|pencil|stick|write)"
            + " (?:it|that|this)(?: down| in)?\\b")
        .calendarPhrase("\\b(?:on|to|in|into|onto|at) (?:(?:my|the|our) )?" + CALENDAR + "\\b")
        .actionWords("remind|reminder|reminders|note|notes|calendar|agenda|schedule|remember|event|appointment"
            + "|meeting|alarm|forget")
        // Look-alikes: the words of a command, asking for no action.
        .lookalike("(?:remind me|reminder|remember)(?: again| once more)?(?: of| about)?(?: ,)? (?:what|whats|what's|who|how|why|where|which|when"
            + "|whether|if)\\b")
        .lookalike("(?:write|draft|compose|send|leave|pen|help me write)(?: me| up)? (?:a |an |the )?(?:[\\w'-]+ ){0,3}?"
            + "(?:note|letter|email|e-mail|message|card|text|poem)(?: [\\w'-]+){0,5}? (?:to|for)\\b")
        .lookalike("(?:write|draft|compose)(?: me)? (?:a |an )?(?:[\\w'-]+ )?(?:note|essay|text|paragraph|summary)"
            + " (?:about|on)\\b")
        .lookalike("(?:do|did|can|could|would|will) you (?:still )?remember\\b")
        // An action written into the calendar ("put lunch with Sara on my calendar").
        .trigger(EVENT_CREATE, 0.92, CALENDAR_PHRASE, "(?:put|add|pencil(?: in)?|enter|save|stick|write|note|place"
            + "|insert|create|make|block(?: out)?|set|schedule|book|get|mark|jot(?: down)?)(?: down| in| me)?")
        .trigger(EVENT_CREATE, 0.9, CALENDAR_PHRASE_AND_MOMENT, "(?:i have|i've got|i got|there is|there's)"
            + "(?! (?:anything|nothing|something|any|no)\\b)(?: an?)?")
        .trigger(NOTE_SEARCH, 0.9, NOTHING, "(?:search|find|look up|look for|look in|look through|look at|check|show"
            + "|show me|list|get|open|read|read me|pull up|bring up|give me|go through|search through|search in)"
            + "(?: in| through| for)? (?:all )?(?:my |the |your |a )?notes?(?: (?:for|about|on|regarding|with"
            + "|mentioning|containing|that mention|titled|called|related to))?" + COLON
            + "(?: (?:where|in which|that) i (?:wrote|noted|put|saved|jotted|wrote down|jotted down|mentioned))?")
        .trigger(NOTE_SEARCH, 0.9, NOTHING, "(?:find|search|look up|show me|tell me|check|read me) (?:what|everything"
            + "|anything) i (?:noted|wrote|jotted|wrote down|jotted down|saved|put down|noted down) (?:about|on|regarding"
            + "|for)")
        .trigger(NOTE_SEARCH, 0.9, NOTHING, "what did i (?:note|write|jot|save|put|record|keep)(?: down)?"
            + "(?: in my notes)? (?:about|on|regarding|for|concerning)")
        // Questions about what the person wrote down: "where did I note...", "did I save anything about...",
        // "what was the parking spot I noted".
        .trigger(NOTE_SEARCH, 0.88, NOTHING, "(?:where|when) did i (?:note|write|jot|save|put|keep|record)(?: down)?"
            + "(?: in my notes)?")
        .trigger(NOTE_SEARCH, 0.88, NOTHING, "did i (?:note|write|jot|save|put|keep|record)(?: down)? (?:anything|something"
            + "|a note|notes)(?: down)? (?:about|on|regarding|for|concerning)")
        .trigger(NOTE_SEARCH, 0.85, NOTHING, "(?:what|which) (?:was|is|were|are)(?= .+ i (?:noted|wrote down|jotted down"
            + "|saved|noted down|put in my notes|wrote in my notes)(?: [?.!])*$)")
        .trigger(NOTE_SEARCH, 0.9, NOTHING, "(?:(?:do|have) i (?:have|got)|are there|is there) (?:a |any )?notes? "
            + "(?:about|on|regarding|for|with|mentioning)")
        .trigger(NOTE_SEARCH, 0.9, NOTHING, "(?:(?:what|which) notes? do i have|what do my notes say|any notes?) "
            + "(?:about|on|for|regarding)")
        // Agenda questions: the whole remaining sentence must be the question.
        .trigger(AGENDA_QUERY, 0.9, NOTHING, "what (?:do|will|did) i have(?: (?:going on|on|planned|scheduled|booked"
            + "|coming up))?(?: (?:on|in) (?:my|the) " + CALENDAR + ")?" + TAIL)
        .trigger(AGENDA_QUERY, 0.9, NOTHING, "(?:tell me|show me|let me know) what (?:i have|i've got|i have got"
            + "|is on|'s on|s on|i got)(?: (?:on|planned|scheduled|going on))?(?: (?:on|in) (?:my|the) " + CALENDAR + ")?"
            + TAIL)
        .trigger(AGENDA_QUERY, 0.9, NOTHING, "what have i got(?: (?:on|planned|going on|coming up|scheduled))?"
            + "(?: (?:on|in) (?:my|the) " + CALENDAR + ")?" + TAIL)
        .trigger(AGENDA_QUERY, 0.9, NOTHING, "(?:what's|whats|what is|what are|show me|show|tell me|give me|read me"
            + "|read|check|list|display|open|get|how's|hows|how is|how does|how do|what does|and)(?: what's| whats)?"
            + "(?: on| in)? (?:my|the) (?:" + CALENDAR + "|plans?|events|appointments|meetings|day|week|commitments)"
            + "(?: (?:like|look like|looks like|looking|looking like|say|for))?" + TAIL)
        .trigger(AGENDA_QUERY, 0.88, MOMENT_OR_SPAN, "(?:what's|whats|what is|anything|something) (?:happening|planned"
            + "|scheduled|coming up|on|going on|booked)" + TAIL)
        .trigger(AGENDA_QUERY, 0.9, NOTHING, "(?:am i|will i be|are we|i'm|im) (?:free|busy|available|booked"
            + "|doing anything|booked up)" + TAIL)
        .trigger(AGENDA_QUERY, 0.88, MOMENT_OR_SPAN, "(?:is|am i|are we) (?:my |i )?(?:free|busy|available|booked)" + TAIL)
        .trigger(AGENDA_QUERY, 0.9, NOTHING, "is my (?:calendar|agenda|schedule|day|diary) (?:free|busy|full|clear"
            + "|empty|open|booked)" + TAIL)
        .trigger(AGENDA_QUERY, 0.88, MOMENT_OR_SPAN, "(?:do|have|did) i (?:have|got) (?:plans|meetings|appointments"
            + "|events|calls|commitments)" + TAIL)
        .trigger(AGENDA_QUERY, 0.9, NOTHING, "(?:do|have|did) i (?:have|got) (?:anything|something|any (?:meetings?"
            + "|appointments?|events?|plans?|calls?|commitments?)|a (?:meeting|appointment|event|call))"
            + "(?: (?:on|planned|scheduled|booked|on my " + CALENDAR + "|in my " + CALENDAR + "))?" + TAIL)
        .trigger(AGENDA_QUERY, 0.85, MOMENT_OR_SPAN, "(?:(?:is|are) there )?(?:any|anything)(?: (?:meetings?|appointments?|events?"
            + "|plans?))?(?: (?:planned|scheduled|on|booked))?" + TAIL)
        .trigger(AGENDA_QUERY, 0.9, NOTHING, "(?:(?:is|are) there )?(?:any|anything)(?: (?:meetings?|appointments?|events?|plans?))?"
            + " (?:on|in) (?:my|the) " + CALENDAR + TAIL)
        .trigger(AGENDA_QUERY, 0.9, NOTHING, "what (?:meetings|appointments|events|plans|calls) (?:do|have|will)"
            + " i (?:have|got)(?: (?:on|planned|scheduled))?" + TAIL)
        .trigger(AGENDA_QUERY, 0.9, NOTHING, "(?:show|list|tell|give|read)(?: me)? (?:all )?(?:my )?(?:meetings"
            + "|appointments|events|plans|schedule|calendar|agenda)" + TAIL)
        .trigger(AGENDA_QUERY, 0.85, NOTHING, "(?:my )?(?:agenda|calendar|schedule)" + TAIL)
        // Agenda questions without an agenda word, only with a day or period: "what am I doing on saturday",
        // "what does monday look like", "how's thursday looking", "where do I need to be tomorrow".
        .trigger(AGENDA_QUERY, 0.85, MOMENT_OR_SPAN, "what am i (?:doing|up to)" + TAIL)
        .trigger(AGENDA_QUERY, 0.85, MOMENT_OR_SPAN, "(?:what|how) (?:does|do|will) look(?: like)?" + TAIL)
        .trigger(AGENDA_QUERY, 0.85, MOMENT_OR_SPAN, "(?:how's|hows|how is|what's|whats|what is) looking(?: like)?"
            + TAIL)
        .trigger(AGENDA_QUERY, 0.85, MOMENT_OR_SPAN, "how busy (?:am i|will i be|are we)" + TAIL)
        .trigger(AGENDA_QUERY, 0.85, MOMENT_OR_SPAN, "where (?:do|will) i (?:need|have) to be" + TAIL)
        // Reminders.
        .trigger(REMINDER_CREATE, 0.92, NOTHING, "remind(?:er|ing)? me(?: (?:to|that|about|of))?")
        .trigger(REMINDER_CREATE, 0.92, NOTHING, "(?:set|create|add|make|save|schedule|put|give me|i need|i want|i'd like"
            + "|can i have|set up|new|need|want)(?: me| up)? (?:a |an |one )?(?:new |quick )?(?:alarm |reminder )?"
            + "(?:reminder|alarm)(?: (?:for|to|that|about|saying))?" + COLON)
        .trigger(REMINDER_CREATE, 0.9, NOTHING, "reminder(?: (?:to|for|that|about))?" + COLON)
        .trigger(REMINDER_CREATE, 0.9, NOTHING, "(?:don't|do not) let me forget(?: (?:to|about|that))?")
        .trigger(REMINDER_CREATE, 0.85, NOTHING, "(?:don't|do not) forget to")
        .trigger(REMINDER_CREATE, 0.8, NOTHING, "remember to")
        .trigger(REMINDER_CREATE, 0.8, MOMENT, "(?:ping|alert|notify|nudge|buzz|wake) me(?: (?:to|about|that|up))?")
        // Notes.
        .trigger(NOTE_CREATE, 0.92, NOTHING, "(?:take|make|add|create|write|jot|save|keep|put|leave|start|new|quick)"
            + "(?: me)?(?: down)? (?:a |an |this as a |this as an |that as a |it as a )?(?:new |quick |short )?note"
            + "(?: down)?(?: (?:that says|that reads|that|saying|saying that|with|called|titled|named|of|about|to say"
            + "|reading))?" + COLON)
        .trigger(NOTE_CREATE, 0.9, NOTHING, "(?:note|jot|write|put|get)(?: this| it| that)? down(?: (?:that|this))?"
            + COLON)
        .trigger(NOTE_CREATE, 0.9, NOTHING, "note(?: to self)?(?: that| this)?" + COLON)
        .trigger(NOTE_CREATE, 0.9, NOTHING, "(?:notes|my notes) [:-]")
        .trigger(NOTE_CREATE, 0.9, NOTHING, "(?:add|put|save|write|store|keep)(?: this| that| it)? (?:to|in|into|on)"
            + " (?:my |the )?notes(?: (?:that|this))?" + COLON)
        // Facts about the person.
        .trigger(MEMORY_REMEMBER, 0.9, NOTHING, "(?:don't|do not) forget(?: that)?" + COLON)
        .trigger(MEMORY_REMEMBER, 0.9, NOTHING, "(?:remember|memorize|memorise)(?= (?:i|i'm|i've|i'd|i'll|my|me|we"
            + "|we're|our|us|mine)\\b)")
        .trigger(MEMORY_REMEMBER, 0.9, NOTHING, "(?:remember|memorize|memorise)(?: that| this| the fact that| [:,-])")
        .trigger(MEMORY_REMEMBER, 0.85, NOTHING, "i (?:want|need|would like|'d like) (?:you )?to remember"
            + " (?:that|this)" + COLON)
        .trigger(MEMORY_REMEMBER, 0.9, NOTHING, "(?:keep in mind|bear in mind"
            + "|take into account|for future reference|for the record|fyi|just so you know|so you know"
            + "|you should know|make sure you remember|store in memory|save to memory|add to memory"
            + "|save in your memory|learn)(?: that| this| the fact that)?" + COLON)
        // A fact said as a statement, then "remember that" ("my birthday is on March 3rd, remember that").
        .statement(MEMORY_REMEMBER, 0.85, "(?!(?:what|who|how|why|where|when|which|do|does|did|is|are|can|could"
            + "|should|would)\\b).+ ,? (?:remember|memorize|memorise|keep in mind|don't forget)(?: that| it| this)?"
            + "(?: (?:for me|please|ok|okay))?(?: [.!])*$")
        // Personal facts said plainly: "my birthday is...", "my wife's name is...", "my employee id is...".
        .statement(MEMORY_REMEMBER, 0.8, "(?:my|our) (?:[\\w'-]+ ){0,3}?(?:birthday|name|names|address|phone number"
            + "|number|email|e-mail|blood type|anniversary|id|pin|passport number|license plate|licence plate"
            + "|shoe size|size|favou?rite [\\w-]+|allergy|allergies|nickname|pronouns|zip code|postcode) (?:is|are)"
            + "(?! (?:what|who|how|where|when|wrong|missing|broken|not)\\b)")
        .factTrailing(", remember that", ", remember it", ", remember this", "remember that", "remember it",
            "remember this", ", keep that in mind", "keep that in mind", ", don't forget", "don't forget that",
            ", don't forget it", "don't forget it", "remember that please", "remember it please", "ok", "okay")
        // Events without the word calendar.
        .trigger(EVENT_CREATE, 0.9, NOTHING, "(?:create|add|make|new|set up|schedule)(?: me)? (?:a |an )?(?:new )?"
            + "(?:calendar )?event(?: (?:for|called|titled|named))?" + COLON)
        .trigger(EVENT_CREATE, 0.9, NOTHING, "(?:new|create an?|add an?|make an?) (?:appointment|meeting)(?: [:,-])")
        .trigger(EVENT_CREATE, 0.9, NOTHING, "(?:calendar|agenda|event|new event)(?: [:,-])")
        // Also nouns or other requests ("book recommendations", "schedule optimization"): only with a day or time.
        .trigger(EVENT_CREATE, 0.88, MOMENT, "(?:schedule|set up)(?! (?:of|for the|is|was|are)\\b)(?: me| in)?")
        .trigger(EVENT_CREATE, 0.85, MOMENT, "(?:book|plan|arrange|organize|organise|reserve|calendar|diarise"
            + "|diarize)(?: me| in)?")
        .trigger(EVENT_CREATE, 0.72, MOMENT, "(?:add|put|create|make|pencil in|block)")
        .leading(REMINDER_CREATE, "to", "that", "about", "of", "for", "me to", "saying", "saying that")
        .leading(NOTE_CREATE, "that", "says", "that says", "reads", "saying", "saying that", "with", "called", "titled", "of", "about", "reading")
        .leading(MEMORY_REMEMBER, "that", "this", "the fact that")
        .leading(NOTE_SEARCH, "for", "about", "on", "regarding", "with", "where i wrote", "the", "a", "an", "my",
            "where i noted", "that mention", "mentioning")
        .leading(EVENT_CREATE, "for", "called", "titled", "named", "a", "an", "to")
        .trailing("at", "on", "for", "by", "in", "from", "to", "and", "until", "around", "thanks", "thank you",
            "then", "please", "starting", "of", "the", "before", "i noted", "that i noted", "i wrote down",
            "i noted down", "i jotted down", "i saved", "i put in my notes")
        .location(List.of("at", "in"), List.of("the"))
        .wholeWeek("\\b(?:my|the) week\\b")
        .build();
  }
}
