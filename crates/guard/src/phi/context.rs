//! Sentence-level cues that decide whether a date, a city or a room number is tied to a
//! person ("discharged on the 12th", "my son ... in room 412") or belongs to a public event
//! ("Flu clinic Saturday, Oct 12 at our Main St campus").

use super::lexicon::f;
use super::ownership::OrgIndex;
use super::text::Tokens;
use super::Cand;
use crate::{Kind, Whose};

#[derive(Clone, Copy, Default)]
pub(crate) struct Cues {
    /// A patient-like person is mentioned: a patient name, "my son", "she", "patient".
    pub person: bool,
    /// Only staff are named (and no patient-like cue).
    pub staff_only: bool,
    /// A staff member is named in the sentence (whatever else is).
    pub staff_named: bool,
    /// A personal health event: born, discharged, surgery, diagnosed, passed away, nació...
    pub life_event: bool,
    /// A public event or notice: clinic, join us, register, free, hours, closed...
    pub public_event: bool,
}

pub(crate) struct Context {
    cues: Vec<Cues>,
    /// The whole text mentions a patient-like person.
    pub any_person: bool,
    /// Some sentence mentions a personal health or life event.
    pub any_life_event: bool,
    /// Byte spans of the patients named (not only "she" or "my son") in the text.
    pub patient_names: Vec<(usize, usize)>,
}

pub(crate) const PERSON: &[&str] = &[
    "patient",
    "patients'",
    "paciente",
    "pt",
    "son",
    "daughter",
    "husband",
    "wife",
    "mom",
    "mum",
    "mother",
    "dad",
    "father",
    "grandma",
    "grandpa",
    "grandmother",
    "grandfather",
    "granny",
    "nana",
    "baby",
    "newborn",
    "brother",
    "sister",
    "nephew",
    "niece",
    "aunt",
    "uncle",
    "grandson",
    "granddaughter",
    "boyfriend",
    "girlfriend",
    "fiance",
    "fiancee",
    "toddler",
    "kiddo",
    "hijo",
    "hija",
    "esposo",
    "esposa",
    "abuela",
    "abuelo",
    "nieto",
    "nieta",
    "hermano",
    "hermana",
    "bebe",
    "sobrino",
    "sobrina",
    "she",
    "he",
    "her",
    "his",
    "him",
    "ella",
    "resident",
    "neighbor",
    "neighbour",
    "friend",
    "amigo",
    "amiga",
    "mama",
    "papa",
    "mami",
    "papi",
    "survivor",
    "warrior",
    "recipient",
    "donor",
    "year-old",
    "years-old",
    "senor",
    "senora",
    "gentleman",
    "nan",
    "nanna",
    "grandad",
    "granddad",
    "grampa",
    "gramps",
    "abuelita",
    "abuelito",
    "stepdad",
    "stepmom",
    "stepmum",
    "cousin",
    "primo",
    "tia",
    "tio",
    "suegra",
    "suegro",
];

/// "Nuestra Señora de Guadalupe": the Virgin (a parish's name), not a woman.
pub(crate) fn our_lady(toks: &Tokens, i: usize) -> bool {
    i > 0 && toks.folded(i) == "senora" && toks.folded(i - 1) == "nuestra"
}

pub(crate) const LIFE_EVENT: &[&str] = &[
    "born",
    "birth",
    "birthday",
    "bday",
    "dob",
    "discharged",
    "discharge",
    "admitted",
    "admission",
    "surgery",
    "surgeries",
    "operation",
    "operated",
    "transplant",
    "diagnosed",
    "diagnosis",
    "died",
    "passed",
    "death",
    "funeral",
    "delivered",
    "hospitalized",
    "hospitalised",
    "chemo",
    "chemotherapy",
    "radiation",
    "biopsy",
    "injured",
    "accident",
    "stroke",
    "amputation",
    "intubated",
    "miscarriage",
    "stillborn",
    "overdose",
    "nacio",
    "nacieron",
    "nacimiento",
    "cumpleanos",
    "cumple",
    "cirugia",
    "operacion",
    "operada",
    "operado",
    "alta",
    "ingreso",
    "ingresada",
    "ingresado",
    "fallecio",
    "murio",
    "diagnosticado",
    "diagnosticada",
    "parto",
    "hospitalizado",
    "hospitalizada",
    "internado",
    "internada",
    "turned",
    "celebrated",
    // Named operations are a person's dated event as much as "surgery" is.
    "c-section",
    "cesarean",
    "caesarean",
    "cesarea",
    "mastectomy",
    "lumpectomy",
    "hysterectomy",
    "appendectomy",
    "tonsillectomy",
    // Injuries and emergencies happen to someone on a day.
    "transplanted",
    "collapsed",
    "seizure",
    "resuscitated",
    "extubated",
    "fractured",
    "trasplante",
    // "her hip replacement on the 14th", "su infarto": named procedures and events.
    "replacement",
    "bypass",
    "stent",
    "angioplasty",
    "infarto",
    "trasplantado",
    "trasplantada",
    "accidente",
];

/// Life-event words that are also common in announcements: they count as life events (the
/// lexicon gives them both flags) but need a person cue as well.
pub(crate) const WEAK_LIFE_EVENT: &[&str] = &[
    "appointment",
    "appt",
    "visit",
    "seen",
    "treated",
    "cita",
    "consulta",
    "treatment",
    "tratamiento",
    "scan",
    "mri",
    "results",
    "resultados",
    "arrived",
    "released",
    "turns",
];

pub(crate) const PUBLIC_EVENT: &[&str] = &[
    "clinic",
    "clinics",
    "event",
    "events",
    "join",
    "rsvp",
    "register",
    "registration",
    "free",
    "fair",
    "drive",
    "workshop",
    "class",
    "classes",
    "webinar",
    "seminar",
    "walk-in",
    "walk-ins",
    "screening",
    "screenings",
    "closed",
    "hours",
    "holiday",
    "session",
    "sessions",
    "lecture",
    "meeting",
    "conference",
    "festival",
    "gala",
    "fundraiser",
    "breakfast",
    "luncheon",
    "brunch",
    "auction",
    "radiothon",
    "telethon",
    "tour",
    "open",
    "opening",
    "opens",
    "ribbon",
    "inauguracion",
    // "Abrimos nuestras puertas el 12 de octubre de 1994": the organisation's own founding.
    "abrimos",
    "founded",
    "fundada",
    "fundado",
    "fundamos",
    "inauguramos",
    "inaugurated",
    "vaccines",
    "shots",
    "deadline",
    "enrollment",
    "jornada",
    "evento",
    "gratis",
    "taller",
    "clase",
    "clases",
    "inscripciones",
    "inscripcion",
    "cupo",
    "feria",
    "cerrado",
    "cerrada",
    "horario",
    "inscribase",
    "registrese",
    "campana",
    "charla",
    "sign",
    "tickets",
    "livestream",
    "live",
    "town",
    "hall",
    "support",
    "group",
    "everyone",
    "community",
    "public",
    "families",
    "visitors",
    "parking",
    "starting",
    "begins",
    "through",
    "until",
];

impl Context {
    pub fn new(toks: &Tokens, cands: &[Cand], org: &OrgIndex) -> Context {
        let mut cues = vec![Cues::default(); toks.sentences.len()];
        let mut named_staff = vec![false; cues.len()];
        let mut staff_spans: Vec<(usize, usize)> = cands
            .iter()
            .filter(|c| c.kind == Kind::PersonName && c.whose == Whose::Staff)
            .map(|c| (c.start, c.end))
            .collect();
        staff_spans.sort_unstable();
        // The staff name holding or starting at byte `p` (sorted spans: a huge line stays
        // linear).
        let staff_at = |p: usize, starting: bool| {
            let k = staff_spans.partition_point(|&(s, _)| s <= p);
            k > 0 && {
                let (s, e) = staff_spans[k - 1];
                if starting {
                    s == p
                } else {
                    p < e
                }
            }
        };
        for (i, t) in toks.toks.iter().enumerate() {
            if t.numeric {
                continue;
            }
            // "a 19yo from Pleasant Valley Rd", "90 yo Dot": an age in years is one person.
            if i > 0
                && toks.toks[i - 1].numeric
                && matches!(toks.gap_before(i), " " | "")
                && toks.folded(i) == "yo"
            {
                cues[t.sentence as usize].person = true;
            }
            let c = &mut cues[t.sentence as usize];
            // "su cita con el Dr. Restrepo quedó para el jueves 12": the reader's own visit,
            // whichever clinician it is with.
            // "your fracture clinic appointment", "we've confirmed your visit": up to two words
            // between; a visit only when no one is being invited to plan or book one.
            let w = toks.folded(i);
            let reader_event = matches!(
                w,
                "cita"
                    | "appointment"
                    | "appt"
                    | "surgery"
                    | "procedure"
                    | "procedimiento"
                    | "cirugia"
                    | "consulta"
                    | "visit"
            ) && reader_possessive(toks, i).is_some_and(|p| {
                // "book with your GP surgery": the practice, unless "your" is right before.
                (p + 1 == i || !matches!(w, "surgery" | "procedure" | "procedimiento" | "cirugia"))
                    && !(w == "visit"
                        && (p == 0
                            || matches!(
                                toks.folded(p - 1),
                                "plan"
                                    | "book"
                                    | "schedule"
                                    | "make"
                                    | "before"
                                    | "during"
                                    | "for"
                                    | "on"
                                    | "after"
                                    | "enjoy"
                                    | "start"
                                    | "prepare"
                            )))
            });
            if reader_event {
                c.person = true;
            }
            // "congrats on your twins, born here Nov 2": the reader's own children ("your
            // kids" is anyone's in a public notice).
            if i > 0
                && matches!(toks.folded(i - 1), "your" | "ur" | "tus" | "sus")
                && matches!(
                    toks.folded(i),
                    "twins" | "triplets" | "gemelos" | "gemelas" | "cuates" | "trillizos"
                )
            {
                c.person = true;
            }
            // "we have your husbands wedding ring": a possessive typed without its apostrophe.
            if i + 1 < toks.toks.len()
                && i > 0
                && matches!(toks.folded(i - 1), "your" | "ur" | "my")
                && matches!(toks.folded(i), "husbands" | "wifes")
                && toks.gap_before(i + 1) == " "
                && toks.toks[i + 1].case == super::text::Case::Lower
                && !matches!(toks.folded(i + 1), "and" | "or" | "are" | "were" | "y")
            {
                c.person = true;
            }
            // "every mom", "cada paciente": a kind of person, not one; "Sister Moira
            // Campbell" is a staff member's title.
            if toks.is(i, f::CPERSON)
                && !(t.case == super::text::Case::Title
                    && (staff_at(t.start, false)
                        || (i + 1 < toks.toks.len()
                            && toks.gap_before(i + 1) == " "
                            && staff_at(toks.toks[i + 1].start, true))
                        // "named Ward Sister of the Year": a nursing grade.
                        || (toks.folded(i) == "sister" && !t.sentence_start)))
                && !(i > 0
                    && matches!(
                        toks.folded(i - 1),
                        "every" | "each" | "any" | "all" | "cada" | "todo" | "toda"
                    ))
                && !staff_team(toks, i, &staff_spans)
                && !our_lady(toks, i)
            {
                c.person = true;
            }
            if toks.is(i, f::CLIFE) {
                if toks.is(i, f::CWEAK) {
                    // "my/your/her appointment" is personal; "no appointment needed" is not.
                    let personal = i > 0
                        && matches!(
                            toks.folded(i - 1),
                            "my" | "his" | "her" | "your" | "their" | "mi" | "su" | "our"
                        );
                    c.life_event |= personal || reader_event;
                } else if !org_event(toks, i, org) && !awareness_day(toks, i) {
                    c.life_event = true;
                }
            }
            // "your fracture clinic appointment": a clinic the reader attends, not one held.
            let readers_clinic = i + 1 < toks.toks.len()
                && toks.gap_before(i + 1) == " "
                && toks.is(i + 1, f::CWEAK)
                && reader_possessive(toks, i + 1).is_some();
            if toks.is(i, f::CPUBLIC) && !readers_clinic {
                c.public_event = true;
            }
        }
        let mut patient_names = Vec::new();
        for cand in cands {
            if cand.kind != Kind::PersonName {
                continue;
            }
            if cand.whose == Whose::Patient {
                patient_names.push((cand.start, cand.end));
            }
            let k = toks.sentence_index(cand.start);
            match cand.whose {
                Whose::Patient => cues[k].person = true,
                Whose::Staff => named_staff[k] = true,
                Whose::Organization => {}
            }
        }
        for (c, staff) in cues.iter_mut().zip(named_staff) {
            c.staff_only = staff && !c.person;
            c.staff_named = staff;
        }
        let any_person = cues.iter().any(|c| c.person);
        let any_life_event = cues.iter().any(|c| c.life_event);
        Context {
            cues,
            any_person,
            any_life_event,
            patient_names,
        }
    }

    /// The organisation is the subject of the verb before byte `pos` ("Riverside turns 95",
    /// "la Clínica San Rafael cumple 25 años").
    pub fn org_subject_before(&self, toks: &Tokens, pos: usize, org: &OrgIndex) -> bool {
        let k = toks.toks.partition_point(|t| t.end <= pos);
        k > 0 && org_word(toks, k - 1, org)
    }

    /// A patient is named outside `s..e` (the "Eve" of "Christmas Eve" names no one).
    pub fn named_patient_outside(&self, s: usize, e: usize) -> bool {
        self.patient_names.iter().any(|&(a, b)| b <= s || a >= e)
    }

    pub fn at(&self, toks: &Tokens, pos: usize) -> Cues {
        self.cues[toks.sentence_index(pos)]
    }

    /// Whose a person-tied identifier (date, age, room) is: staff when only staff are named.
    pub fn whose_at(&self, toks: &Tokens, pos: usize) -> Whose {
        if self.at(toks, pos).staff_only {
            Whose::Staff
        } else {
            Whose::Patient
        }
    }
}

/// The reader's possessive ("your", "su") up to three words before token `i`, the words
/// between joined by single spaces: "your fracture clinic appointment".
fn reader_possessive(toks: &Tokens, i: usize) -> Option<usize> {
    let mut p = i;
    for _ in 0..3 {
        if p == 0 || toks.gap_before(p) != " " {
            return None;
        }
        p -= 1;
        if matches!(toks.folded(p), "your" | "ur" | "su" | "tu") {
            return Some(p);
        }
    }
    None
}

/// The organisation's own name word or an institution ("Riverside", "NHS", "hospital").
fn org_word(toks: &Tokens, k: usize, org: &OrgIndex) -> bool {
    let w = toks.folded(k);
    let w = w.strip_suffix("'s").unwrap_or(w);
    org.name_words.contains(w)
        || matches!(
            w,
            "nhs"
                | "hospital"
                | "clinic"
                | "clinica"
                | "trust"
                | "center"
                | "centre"
                | "foundation"
                // "The Maple Grove Auxiliary turns 90": a body of people, not a person.
                | "auxiliary"
                | "guild"
                | "society"
                | "club"
                | "league"
                | "association"
                | "charity"
                | "church"
                | "school"
                | "choir"
        )
}

/// A birthday or anniversary of the organisation, not of a person: "Riverside turns 95",
/// "Happy birthday to the NHS", "la Clínica San Rafael cumple 25 años".
fn org_event(toks: &Tokens, i: usize, org: &OrgIndex) -> bool {
    let n = toks.toks.len();
    let next = |k: usize| (k < n).then(|| toks.folded(k));
    (i > 0 && org_word(toks, i - 1, org))
        // "the NHS was born"
        || (i > 1
            && matches!(toks.folded(i - 1), "was" | "is" | "fue")
            && org_word(toks, i - 2, org))
        || (next(i + 1) == Some("to")
            && (next(i + 2) == Some("us")
                || (next(i + 2) == Some("the") && i + 3 < n && org_word(toks, i + 3, org))
                || (i + 2 < n && org_word(toks, i + 2, org))))
}

/// "Overdose Awareness Day", "Stroke Month": a life event named in the title of a public
/// day, week or month happens to no one in particular.
fn awareness_day(toks: &Tokens, i: usize) -> bool {
    toks.toks[i].case == super::text::Case::Title
        && toks
            .toks
            .get(i + 1)
            .is_some_and(|t| t.case == super::text::Case::Title)
        && toks.gap_before(i + 1) == " "
        && matches!(
            toks.folded(i + 1),
            "awareness" | "prevention" | "remembrance" | "day" | "week" | "month"
        )
}

/// "shared them with Sister Moira Campbell and her team": a pronoun before a team word, in a
/// sentence that names staff before it, is that staff member's.
fn staff_team(toks: &Tokens, i: usize, staff_spans: &[(usize, usize)]) -> bool {
    let sent_begin = toks.sentences[toks.toks[i].sentence as usize];
    matches!(toks.folded(i), "her" | "his")
        && i + 1 < toks.toks.len()
        && matches!(
            toks.folded(i + 1),
            "team" | "teams" | "colleagues" | "staff" | "crew" | "unit" | "equipo"
        )
        && {
            let k = staff_spans.partition_point(|&(s, _)| s < toks.toks[i].start);
            k > 0 && staff_spans[k - 1].0 >= sent_begin
        }
}
