//! Listening insights: what the inbox talked about this week. A fixed topic lexicon for
//! hospitals and clinics (English and Spanish, social-media spelling) is matched against the
//! already redacted inbox texts, and the hits are counted per triage bucket: questions,
//! strengths (praise) and weaknesses (complaints). Pure: no I/O.
//!
//! Matching works on folded words (lower case, accents removed, apostrophes dropped, runs of
//! three or more equal letters squeezed, redaction placeholders such as `[PHONE]` skipped), so
//! every keyword matches on word boundaries: "parking" never hits "Parkinson's", and "shot"
//! alone ("great shot of the new wing") is never a flu shot. Keyword syntax:
//! - `flu shot`: a phrase, word for word;
//! - `vaccin*`: a trailing `*` matches any word starting with the prefix;
//! - `flu ~ shot*`: both sides within [`NEAR`] words of each other, in either order.
//!
//! When hits of two topics overlap, the longer one wins: "covid vaccine" is the COVID vaccine,
//! not also "vaccines"; "en espera" (on hold) is the phone line, not the wait.

use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// How many words may separate the two sides of a `a ~ b` keyword.
pub const NEAR: usize = 3;
/// Examples are cut to this many characters.
const EXAMPLE_CHARS: usize = 140;
const MAX_EXAMPLES: usize = 3;

// ---------------------------------------------------------------------------------------------
// Words and patterns (shared with the response library)
// ---------------------------------------------------------------------------------------------

/// Lower case without accents ("Vacunación" → "vacunacion"); other characters unchanged.
fn fold_char(c: char, out: &mut String) {
    for l in c.to_lowercase() {
        let f = match l {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            other => other,
        };
        out.push(f);
    }
}

/// A redaction placeholder ("[PERSON_NAME]", "[phone]") starting at byte `i`: its length.
fn placeholder_len(s: &str, i: usize) -> Option<usize> {
    let rest = s[i..].strip_prefix('[')?;
    let end = rest.find(']')?;
    let inner = &rest[..end];
    (!inner.is_empty()
        && inner.len() <= 24
        && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
    .then_some(end + 2)
}

/// Pictographs count as words, so "💉" or "🅿️" can be keywords.
fn is_symbol_word(c: char) -> bool {
    let u = c as u32;
    (0x2190..=0x2BFF).contains(&u) || (0x1F000..=0x1FAFF).contains(&u)
}

/// Squeezes runs of three or more equal characters to one ("sooo" → "so", "shottt" → "shot").
fn squeeze(w: String) -> String {
    let chars: Vec<char> = w.chars().collect();
    let mut out = String::with_capacity(w.len());
    let mut i = 0;
    while i < chars.len() {
        let mut j = i;
        while j < chars.len() && chars[j] == chars[i] {
            j += 1;
        }
        let run = j - i;
        let keep = if run >= 3 && chars[i].is_alphabetic() {
            1
        } else {
            run
        };
        out.extend(std::iter::repeat_n(chars[i], keep));
        i = j;
    }
    out
}

/// The folded words of `text`, in order. Apostrophes inside a word are dropped ("don't" →
/// "dont", "Parkinson's" → "parkinsons"); every other non-alphanumeric character separates.
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if !cur.is_empty() {
            out.push(squeeze(std::mem::take(cur)));
        }
    };
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c == '[' {
            if let Some(len) = placeholder_len(text, i) {
                flush(&mut cur, &mut out);
                while iter.peek().is_some_and(|(j, _)| *j < i + len) {
                    iter.next();
                }
                continue;
            }
        }
        if c.is_alphanumeric() {
            fold_char(c, &mut cur);
        } else if (c == '\'' || c == '’') && !cur.is_empty() {
            // Joined only when a letter follows: "don't" but not "nurses' station".
            if !iter.peek().is_some_and(|(_, n)| n.is_alphanumeric()) {
                flush(&mut cur, &mut out);
            }
        } else {
            flush(&mut cur, &mut out);
            if is_symbol_word(c) {
                out.push(c.to_string());
            }
        }
    }
    flush(&mut cur, &mut out);
    out
}

#[derive(Debug, Clone, PartialEq)]
enum Term {
    Exact(String),
    Prefix(String),
}

impl Term {
    fn matches(&self, w: &str) -> bool {
        match self {
            Term::Exact(t) => t == w,
            Term::Prefix(p) => w.starts_with(p.as_str()),
        }
    }
}

/// A compiled keyword: one phrase, or two phrases near each other.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Pattern {
    first: Vec<Term>,
    second: Option<Vec<Term>>,
    /// Most words allowed between the two sides of `a ~ b`.
    near: usize,
}

fn phrase(src: &str) -> Option<Vec<Term>> {
    let mut terms = Vec::new();
    for raw in src.split_whitespace() {
        let (body, prefix) = match raw.strip_suffix('*') {
            Some(b) => (b, true),
            None => (raw, false),
        };
        let ws = words(body);
        let n = ws.len();
        for (k, w) in ws.into_iter().enumerate() {
            terms.push(if prefix && k + 1 == n {
                Term::Prefix(w)
            } else {
                Term::Exact(w)
            });
        }
    }
    (!terms.is_empty()).then_some(terms)
}

impl Pattern {
    /// Compiles a keyword with the [`NEAR`] window; `None` when it has no word in it (e.g.
    /// "!!!" or "*").
    pub(crate) fn parse(src: &str) -> Option<Pattern> {
        Pattern::parse_near(src, NEAR)
    }

    /// Compiles a keyword whose `a ~ b` sides may be up to `near` words apart.
    pub(crate) fn parse_near(src: &str, near: usize) -> Option<Pattern> {
        match src.split_once('~') {
            Some((a, b)) => Some(Pattern {
                first: phrase(a)?,
                second: Some(phrase(b)?),
                near,
            }),
            None => Some(Pattern {
                first: phrase(src)?,
                second: None,
                near,
            }),
        }
    }

    fn phrase_at(terms: &[Term], words: &[String], i: usize) -> bool {
        i + terms.len() <= words.len() && terms.iter().zip(&words[i..]).all(|(t, w)| t.matches(w))
    }

    /// Every match whose first phrase starts at word `i`: the word positions it covers.
    fn matches_at(&self, words: &[String], i: usize, out: &mut Vec<Vec<usize>>) {
        if !Pattern::phrase_at(&self.first, words, i) {
            return;
        }
        let a: Vec<usize> = (i..i + self.first.len()).collect();
        let Some(second) = &self.second else {
            out.push(a);
            return;
        };
        // The second phrase may come before or after, with at most NEAR words between.
        let lo = i.saturating_sub(self.near + second.len());
        let hi = (i + self.first.len() + self.near + 1).min(words.len());
        for j in lo..hi {
            let b_end = j + second.len();
            let disjoint = b_end <= i || j >= i + self.first.len();
            if disjoint && Pattern::phrase_at(second, words, j) {
                let mut both = a.clone();
                both.extend(j..b_end);
                out.push(both);
                return;
            }
        }
    }

    /// Whether the pattern occurs anywhere in `words`.
    pub(crate) fn found_in(&self, words: &[String]) -> bool {
        let mut hits = Vec::new();
        (0..words.len()).any(|i| {
            self.matches_at(words, i, &mut hits);
            !hits.is_empty()
        })
    }

    /// The word that indexes this pattern: the first term of its first phrase.
    fn head(&self) -> &Term {
        &self.first[0]
    }
}

// ---------------------------------------------------------------------------------------------
// Topics
// ---------------------------------------------------------------------------------------------

/// One listening topic of the lexicon.
#[derive(Debug)]
pub struct Topic {
    /// Stable identifier, snake_case.
    pub key: &'static str,
    /// Human name, lower case unless a proper noun ("flu shot", "COVID vaccine").
    pub label: &'static str,
    /// `|`-separated keywords (see the module documentation for their syntax).
    keywords: &'static str,
    /// The general post body behind [`draft_post`]; holds `{phone}` and/or `{website}`.
    draft: &'static str,
    hashtags: &'static str,
}

impl Topic {
    /// The hashtags [`draft_post`] ends with, e.g. `["#FluShot", "#FluSeason", ...]`.
    pub fn hashtags(&self) -> Vec<&'static str> {
        self.hashtags.split_whitespace().collect()
    }
}

impl PartialEq for Topic {
    fn eq(&self, other: &Topic) -> bool {
        self.key == other.key
    }
}

static TOPICS: &[Topic] = &[
    Topic {
        key: "flu_shot",
        label: "flu shot",
        keywords: "flu shot*|flu jab*|flu vaccin*|flu vax*|flu clinic*|flushot*|\
                   influenza vaccin*|influenza shot*|flu ~ shot*|flu ~ vaccin*|flu ~ jab*|\
                   vacuna* contra la gripe|vacuna* de la gripe|vacuna* para la gripe|\
                   vacuna* contra la influenza|vacuna* de la influenza|vacuna antigripal|\
                   gripe ~ vacun*|influenza ~ vacun*|gripe ~ inyeccion*",
        draft: "Flu season is here. A yearly flu shot is recommended for almost everyone 6 \
                months and older, and it's quick and easy to get one at our clinics and \
                pharmacy. To find a time and place near you, visit {website} or call {phone}.",
        hashtags: "#FluShot #FluSeason #GetVaccinated",
    },
    Topic {
        key: "covid_vaccine",
        label: "COVID vaccine",
        keywords: "covid vaccin*|covid shot*|covid jab*|covid vax*|covid booster*|\
                   covid19 vaccin*|booster shot*|bivalent|pfizer|moderna|novavax|\
                   covid ~ vaccin*|covid ~ booster*|covid ~ shot*|vacuna* covid|\
                   vacuna* contra el covid|vacuna* del covid|vacuna* contra covid|\
                   covid ~ vacun*|refuerzo covid|dosis de refuerzo",
        draft: "Updated COVID-19 vaccines are available. Talk with your care team about \
                whether and when you should get one, and book a vaccine appointment at \
                {website} or by calling {phone}.",
        hashtags: "#COVID19 #GetVaccinated",
    },
    Topic {
        key: "vaccines",
        label: "vaccines & childhood shots",
        keywords: "vaccin*|vaccination*|immuniz*|immunis*|vax|vaxx*|vaxxed|vacuna*|vacunacion|\
                   vacunar*|inmuniza*|shot record*|school shots|kindergarten shots|baby shots|\
                   mmr|tdap|dtap|hpv|shingles|shingrix|rsv shot*|measles|sarampion|polio|\
                   chickenpox|varicela|varicella|whooping cough|tos ferina|hepatitis b|\
                   cartilla de vacunacion|💉",
        draft: "Vaccines protect kids and adults from serious diseases. Check that your family \
                is up to date, including the shots needed for school, daycare and travel. Ask \
                your care team which ones are right for you, then book at {website} or call \
                {phone}.",
        hashtags: "#Vaccines #Immunization #BackToSchool",
    },
    Topic {
        key: "parking",
        label: "parking",
        keywords: "parking|parkin|parking lot|parking garage|parking deck|parking ramp|valet|\
                   where to park|where do i park|where can i park|place to park|spot to park|\
                   to park|parked|estacionamiento*|estacionar*|parqueo|parqueadero|aparcamiento|\
                   aparcar|🅿",
        draft: "Coming to see us? Parking is available at our main garage and surface lots, \
                with accessible spaces close to each entrance. For maps, rates and validation, \
                visit {website} or call {phone}.",
        hashtags: "#Parking #PatientVisit",
    },
    Topic {
        key: "billing",
        label: "billing & insurance",
        keywords: "bill|bills|billing|billed|charge|charges|charged|overcharged|insurance|\
                   insurances|insured|uninsured|copay*|co pay*|deductible*|medicare|medicaid|\
                   coverage|in network|out of network|cost|costs|price|prices|pricing|\
                   payment plan*|pay my bill|financial assistance|charity care|estimate|eob|\
                   factura*|cobro*|cobraron|cobran|seguro medico|mi seguro|el seguro|sin seguro|\
                   aceptan seguro|aseguranza|copago*|deducible*|plan de pago*|ayuda financiera",
        draft: "Questions about a bill or your insurance? Our billing team can explain \
                charges, check coverage, set up a payment plan and help you apply for \
                financial assistance. Reach them at {phone} or learn more at {website}.",
        hashtags: "#BillingHelp #HealthInsurance",
    },
    Topic {
        key: "appointments",
        label: "appointments & scheduling",
        keywords: "appointment*|appt*|apointment*|appoinment*|apointement*|schedule*|scheduling|\
                   reschedul*|book an|book a|booked|booking|new patient*|accepting new|\
                   availability|referral*|cancel my|cita|citas|agendar|agende|programar una|\
                   hacer una cita|sacar una cita|reprogramar|cancelar mi|pacientes nuevos|\
                   referido*",
        draft: "Need an appointment? You can book, change or cancel a visit online at \
                {website} any time, or call {phone} and our scheduling team will help you find \
                a time that works.",
        hashtags: "#Appointments #HealthCare",
    },
    Topic {
        key: "wait_times",
        label: "wait times",
        keywords: "wait time*|waiting time*|waited|waiting room*|waiting for hours|\
                   waiting forever|waiting so long|still waiting|been waiting|long wait*|\
                   the wait|hour wait*|hours wait*|hr wait*|hrs wait*|min wait*|wait was|espera|\
                   tiempo* de espera|sala de espera|esperando|esperamos|espere|esperar horas",
        draft: "We know waiting is hard. Wait times change during the day, and the sickest \
                patients are always seen first in the emergency department. See current wait \
                estimates and options for care at {website}, or call {phone}.",
        hashtags: "#WaitTimes #PatientExperience",
    },
    Topic {
        key: "emergency",
        label: "ER & urgent care",
        keywords: "er|e r|emergency room*|emergency department*|emergency dept|urgent care*|\
                   urgentcare|walk in clinic*|trauma center|triage|ambulance*|emergencia*|\
                   sala de emergencia*|urgencia*|ambulancia*|cuidado urgente",
        draft: "Not sure where to go? Urgent care is for problems that need attention today \
                but are not life-threatening. For a medical emergency, call 911 or go to the \
                nearest ER. Find locations and hours at {website} or call {phone}.",
        hashtags: "#UrgentCare #EmergencyRoom",
    },
    Topic {
        key: "visiting",
        label: "visiting hours",
        keywords: "visiting hours|visiting hour|visit hours|visiting policy|visiting rules|\
                   visitor*|visitation|can i visit|allowed to visit|visit my mom|visit my dad|\
                   visit my husband|visit my wife|visit my family|visit a patient|\
                   visit a friend|visit him|stay overnight|stay the night|horario* de visita*|\
                   hora* de visita*|visitas|visitante*|puedo visitar|quedarme con",
        draft: "Planning a visit? Visitors help patients heal. Visiting hours and guidelines \
                can vary by unit, so please check the current policy at {website} or call \
                {phone} before you come.",
        hashtags: "#VisitingHours #FamilySupport",
    },
    Topic {
        key: "pharmacy",
        label: "pharmacy & prescriptions",
        keywords: "pharmacy|pharmacies|pharmacist*|prescription*|perscription*|precription*|\
                   refill*|rx|meds|medication*|farmacia*|farmaceutic*|receta*|prescripcion*|\
                   medicamento*|medicina*|resurtir|surtir",
        draft: "Our pharmacies can fill new prescriptions, handle refills and answer questions \
                about how to take your medicines. Find pharmacy hours and locations at \
                {website}, or call {phone}.",
        hashtags: "#Pharmacy #Prescriptions",
    },
    Topic {
        key: "test_results",
        label: "lab & test results",
        keywords: "result|results|test result*|lab|labs|lab work|labwork|bloodwork|blood work|\
                   blood test*|blood draw*|pathology|biopsy|resultado*|analisis|laboratorio*|\
                   examen de sangre|prueba* de sangre|pruebas de laboratorio",
        draft: "Most lab and test results appear in the patient portal as soon as they are \
                ready, and your care team will contact you about anything that needs \
                follow-up. For help accessing results, visit {website} or call {phone}.",
        hashtags: "#LabResults #PatientPortal",
    },
    Topic {
        key: "patient_portal",
        label: "patient portal & app",
        keywords: "patient portal|portal|mychart|my chart|the app|your app|app|website|web site|\
                   log in|login|log on|sign in|password|username|aplicacion|la app|pagina web|\
                   contrasena|iniciar sesion|portal del paciente",
        draft: "Our patient portal lets you see results, message your care team, request \
                refills and manage appointments from your phone or computer. Sign up or get \
                login help at {website} or by calling {phone}.",
        hashtags: "#PatientPortal #DigitalHealth",
    },
    Topic {
        key: "phone_line",
        label: "phone line",
        keywords: "phone|phones|phone line*|phone number|phone tree|call back|callback|called|\
                   calling|on hold|hold music|busy signal|voicemail|voice mail|no one answers|\
                   nobody answers|no one picks up|nobody picks up|answer the phone|\
                   answers the phone|return my call|telefono|llame|llamamos|llamar|llamada*|\
                   nadie contesta|no contestan|nadie responde|en espera|buzon de voz",
        draft: "Trying to reach us? Our main line is {phone}. Calls are busiest on Monday \
                mornings, and many things, like booking visits and requesting refills, can \
                also be done online at {website}.",
        hashtags: "#ContactUs #PatientSupport",
    },
    Topic {
        key: "telehealth",
        label: "telehealth",
        keywords: "telehealth|telemedicine|telemedicina|virtual visit*|virtual appointment*|\
                   virtual care|video visit*|video call*|e visit*|evisit*|online visit*|\
                   zoom visit*|consulta virtual|consultas virtuales|consulta en linea|\
                   cita virtual|citas virtuales|videollamada*",
        draft: "Many visits can happen by video from home. Telehealth works well for \
                follow-ups, prescription check-ins and many common concerns. Learn how to get \
                started at {website} or call {phone}.",
        hashtags: "#Telehealth #VirtualCare",
    },
    Topic {
        key: "maternity",
        label: "maternity, labor & delivery",
        keywords: "maternity|labor and delivery|labor delivery|l d|in labor|into labor|\
                   birth center|birthing|gave birth|give birth|giving birth|childbirth|prenatal|\
                   postpartum|ob|obgyn|ob gyn|midwife|midwives|doula*|epidural|c section|\
                   csection|newborn*|pregnan*|breastfeeding|lactation|maternidad|parto|embarazo|\
                   esperando un bebe|esperando bebe|embarazada*|dar a luz|di a luz|cesarea|\
                   recien nacid*|lactancia|partera*|ginecolog*",
        draft: "Expecting? Our maternity team is here from your first prenatal visit to the \
                weeks after birth. Take a virtual tour, sign up for classes and learn about \
                delivery options at {website}, or call {phone}.",
        hashtags: "#Maternity #NewParents",
    },
    Topic {
        key: "pediatrics",
        label: "pediatrics",
        keywords: "pediatric*|paediatric*|pediatrician*|peds|picu|nicu|childrens hospital|\
                   children hospital|kids doctor|well child|well baby|pediatra*|pediatria|\
                   hospital de ninos|hospital infantil",
        draft: "From newborn checkups to teen visits, our pediatric teams care for kids at \
                every age. To find a pediatrician or book a well-child visit, go to {website} \
                or call {phone}.",
        hashtags: "#Pediatrics #KidsHealth",
    },
    Topic {
        key: "cancer_care",
        label: "cancer care",
        keywords: "cancer|cancers|oncology|oncologist*|oncologia|oncologo*|chemo*|quimio*|\
                   radiation therapy|radiation treatment*|radioterapia|tumor*|mammogram*|\
                   mamografia*|colonoscop*|biopsia*|infusion center",
        draft: "Cancer care works best as a team. Our specialists, nurses and support services \
                work together from screening to treatment and beyond. Learn about screenings \
                and support programs at {website} or call {phone}.",
        hashtags: "#CancerCare #CancerScreening",
    },
    Topic {
        key: "mental_health",
        label: "mental health",
        keywords: "mental health|mentalhealth|behavioral health|salud mental|therapist*|\
                   counseling|counselling|counselor*|psychiatr*|psycholog*|psicolog*|psiquiatr*|\
                   depression|depresion|anxiety|ansiedad|crisis line|988|suicid*|substance use|\
                   addiction|adiccion*",
        draft: "Your mental health matters. Our behavioral health teams offer counseling and \
                support for adults, teens and kids. Learn more at {website} or call {phone}. \
                In a crisis, call or text 988 any time.",
        hashtags: "#MentalHealth #YouAreNotAlone",
    },
    Topic {
        key: "cleanliness",
        label: "cleanliness",
        keywords: "clean|cleaner|cleanest|cleaned|cleaning|cleanliness|spotless|dirty|filthy|\
                   gross|sanitary|unsanitary|housekeeping|trash|smell*|stink*|limpio*|limpia|\
                   limpieza|sucio*|sucia*|cochino*|basura|olor*",
        draft: "A clean, safe place to heal matters to us. Our environmental services team \
                cleans rooms and public areas around the clock. If something needs attention \
                during your stay, tell any staff member or call {phone}.",
        hashtags: "#PatientSafety #BehindTheScenes",
    },
    Topic {
        key: "food",
        label: "food & cafeteria",
        keywords: "food|cafeteria|cafe|coffee|meal*|breakfast|lunch|dinner|menu|snack*|vegan|\
                   vegetarian|kosher|halal|gluten|room service|comida*|desayuno|almuerzo|cena|\
                   dieta",
        draft: "Hungry? Our cafeteria and cafes serve fresh meals and snacks, with vegetarian \
                and other options every day. See hours and menus at {website}. Patients can \
                order meals through room service by calling {phone}.",
        hashtags: "#HospitalFood #Nutrition",
    },
    Topic {
        key: "nurses_staff",
        label: "nurses & staff",
        keywords: "nurse|nurses|nursing staff|nursing team|rn|rns|lpn|cna|cnas|staff|staffer*|\
                   front desk|receptionist*|care team|aide|aides|tech|techs|technician*|\
                   enfermera*|enfermero*|el personal|recepcionista*|personal de enfermeria",
        draft: "Behind every visit is a team of nurses, techs and staff who make care happen. \
                Want to thank someone? Share a note with us at {website} and we'll pass it \
                along.",
        hashtags: "#Nurses #HealthcareHeroes #ThankYou",
    },
    Topic {
        key: "doctors",
        label: "doctors & bedside manner",
        keywords: "doctor|doctors|doctora|doctores|dr|doc|docs|physician*|bedside manner|\
                   hospitalist*|specialist*|el medico|la medica|los medicos|mi medico|su medico|\
                   especialista*",
        draft: "Looking for a doctor? Our physicians and advanced practice providers are \
                accepting new patients in many specialties. Find a provider who fits your \
                needs at {website} or call {phone}.",
        hashtags: "#FindADoctor #PrimaryCare",
    },
    Topic {
        key: "communication",
        label: "communication",
        keywords: "communication|communicate*|comunicacion|comunicar|no one told|nobody told|\
                   no one explained|nobody explained|didnt explain|never explained|no updates|\
                   no update|kept in the dark|kept us in the dark|left in the dark|\
                   keep us informed|keep us updated|kept us updated|kept us informed|\
                   mixed messages|conflicting information|nadie nos dijo|nadie me dijo|\
                   no nos explicaron|no me explicaron|no nos informaron|no me informaron|\
                   nos explicaron|me explicaron|falta de informacion",
        draft: "We want you to always know what's happening with your care. If you have \
                questions during a visit, ask any member of your care team, or reach our \
                patient experience team at {phone} or {website}.",
        hashtags: "#PatientExperience #WeAreListening",
    },
    Topic {
        key: "pain_management",
        label: "pain management",
        keywords: "pain management|pain med|pain meds|pain medication*|pain medicine*|\
                   pain clinic|pain control|pain relief|pain killer*|painkiller*|chronic pain|\
                   in pain|so much pain|opioid*|analgesic*|manejo del dolor|\
                   medicamento* para el dolor|medicina para el dolor|clinica del dolor|\
                   mucho dolor|dolor cronico|con dolor|analgesico*",
        draft: "Managing pain is part of good care. Our pain management specialists work with \
                you and your care team on a plan that can include medicines, therapy and other \
                options. Learn more at {website} or call {phone}.",
        hashtags: "#PainManagement #WholePersonCare",
    },
    Topic {
        key: "directions",
        label: "directions & location",
        keywords: "directions|how do i get to|how do we get to|how to get to|get there|\
                   entrance*|which floor|what floor|which building|what building|got lost|\
                   get lost|getting lost|signage|wayfinding|map|located|your address|\
                   the address|which location|como llego|como llegar|donde queda|donde quedan|\
                   entrada|ubicacion|ubicados|direccion|que piso",
        draft: "Finding your way: maps, addresses and directions to every building, entrance \
                and clinic are at {website}. Our greeters at each main entrance can point you \
                the right way, or call {phone} before you come.",
        hashtags: "#Directions #PatientVisit",
    },
    Topic {
        key: "amenities",
        label: "Wi-Fi & amenities",
        keywords: "wifi|wi fi|internet|charger*|charging station*|outlet*|tv|television|\
                   vending machine*|gift shop|chapel|atm|lounge|recliner*|blanket*|bathroom*|\
                   restroom*|shower*|bano|banos|cargador*|capilla|tienda de regalos|cajero",
        draft: "During your stay: free guest Wi-Fi, a gift shop, a chapel and quiet spaces are \
                open to patients and visitors. Find hours and a full list of amenities at \
                {website}.",
        hashtags: "#PatientComfort #HospitalLife",
    },
    Topic {
        key: "masks_policy",
        label: "COVID & mask policy",
        keywords: "mask*|face covering*|mask mandate*|masking|cubrebocas|tapabocas|mascarilla*|\
                   barbijo*|covid policy|covid policies|covid rules|covid restrictions|\
                   covid protocol*|vaccine mandate*|proof of vaccination|screening at the door|\
                   health screening",
        draft: "Our masking and infection-prevention guidelines change with local conditions \
                to keep patients, visitors and staff safe. Check the current policy at \
                {website} before your visit, or call {phone}.",
        hashtags: "#InfectionPrevention #PatientSafety",
    },
    Topic {
        key: "covid_testing",
        label: "COVID testing",
        keywords: "covid test*|covid19 test*|rapid test*|home test*|pcr|antigen test*|\
                   testing site*|test site*|drive thru testing|drive through testing|\
                   prueba* de covid|prueba* covid|prueba* rapida*|covid ~ test*|covid ~ prueba*",
        draft: "Need a COVID-19 test? Find testing locations and hours, and learn when testing \
                is recommended, at {website}. Questions? Call {phone}.",
        hashtags: "#COVID19 #Testing",
    },
    Topic {
        key: "careers",
        label: "jobs & careers",
        keywords: "jobs|job opening*|job posting*|job fair*|hiring|career*|apply for a job|\
                   how do i apply|job application*|open position*|internship*|residency|\
                   new grad*|recruiter*|want to work|like to work|work for you|work for your|\
                   empleo*|vacante*|contratando|solicitud de empleo|trabajar con ustedes|\
                   trabajar alli|trabajar ahi|ofertas de trabajo",
        draft: "Join our team! We're hiring nurses, techs, support staff and more, with \
                training and growth along the way. See open positions and apply at {website}.",
        hashtags: "#NowHiring #HealthcareJobs #Careers",
    },
    Topic {
        key: "medical_records",
        label: "medical records",
        keywords: "medical record*|records|my records|record request*|copy of my|release form|\
                   release of information|expediente*|historial medico|historia clinica|\
                   registros medicos",
        draft: "Need a copy of your medical records? You can request them online at {website}, \
                see much of your record in the patient portal, or call {phone} for help with a \
                request.",
        hashtags: "#MedicalRecords #PatientPortal",
    },
    Topic {
        key: "surgery",
        label: "surgery",
        keywords: "surgery|surgeries|surgical|surgeon*|my operation|the operation|pre op|preop|\
                   post op|postop|procedure*|anesthesia|anesthesiologist*|cirugia*|cirujano*|\
                   cirujana*|operacion|operaron|anestesia|procedimiento*",
        draft: "Getting ready for surgery? Our guides explain what to expect before, during \
                and after your procedure, and what to bring. Find them at {website}, or call \
                {phone} with questions about your surgery date.",
        hashtags: "#Surgery #PatientEducation",
    },
    Topic {
        key: "imaging",
        label: "imaging & scans",
        keywords: "x ray*|xray*|mri|mris|ct scan*|cat scan*|ultrasound*|radiology|imaging|\
                   pet scan*|rayos x|radiografia*|resonancia*|tomografia*|ultrasonido*|\
                   ecografia*",
        draft: "X-rays, CT, MRI, ultrasound and more: our imaging centers offer convenient \
                hours and locations. Learn how to prepare and how to book at {website}, or \
                call {phone}.",
        hashtags: "#Radiology #HealthCare",
    },
    Topic {
        key: "volunteering",
        label: "volunteering & donations",
        keywords: "volunteer*|voluntari*|donate|donating|donation*|blood drive*|donate blood|\
                   fundraiser*|foundation|donar|donacion*|donativo*|recaudacion",
        draft: "Want to give back? Volunteer with us, give blood at an upcoming blood drive or \
                support our foundation. Find opportunities at {website} or call {phone}.",
        hashtags: "#Volunteer #GiveBack #Community",
    },
    Topic {
        key: "language_access",
        label: "interpreters & language access",
        keywords: "interpreter*|interpretation|interprete*|translator*|translation*|traductor*|\
                   traduccion|in spanish|en espanol|habla espanol|hablan espanol|hablen espanol|\
                   speak spanish|speaks spanish|language line|asl|sign language|\
                   lenguaje de senas",
        draft: "Free interpreters are available for every patient, in person, by video or by \
                phone, including American Sign Language. Just ask any staff member, or call \
                {phone}. Learn more at {website}.",
        hashtags: "#LanguageAccess #Interpreters",
    },
];

/// The compiled lexicon: every keyword pattern indexed by its first word, so a text is read
/// once with one hash lookup per word.
struct Lexicon {
    exact: HashMap<String, Vec<(usize, Pattern)>>,
    prefix: HashMap<String, Vec<(usize, Pattern)>>,
}

/// Index key of a prefix term: its first `PREFIX_KEY` characters (prefixes are never shorter).
const PREFIX_KEY: usize = 2;

fn char_prefix(s: &str, n: usize) -> Option<&str> {
    let end = s.char_indices().nth(n).map(|(b, _)| b).unwrap_or(s.len());
    (s[..end].chars().count() == n).then_some(&s[..end])
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut lex = Lexicon {
            exact: HashMap::new(),
            prefix: HashMap::new(),
        };
        for (t, topic) in TOPICS.iter().enumerate() {
            for kw in topic.keywords.split('|') {
                let p = Pattern::parse(kw)
                    .unwrap_or_else(|| panic!("listening keyword {kw:?} has no word"));
                match p.head().clone() {
                    Term::Exact(w) => lex.exact.entry(w).or_default().push((t, p)),
                    Term::Prefix(w) => {
                        let key = char_prefix(&w, PREFIX_KEY)
                            .unwrap_or_else(|| panic!("listening prefix {kw:?} is too short"))
                            .to_string();
                        lex.prefix.entry(key).or_default().push((t, p));
                    }
                }
            }
        }
        lex
    })
}

/// All topics, in lexicon order.
pub fn topics() -> &'static [Topic] {
    TOPICS
}

/// The topic with this key.
pub fn topic(key: &str) -> Option<&'static Topic> {
    TOPICS.iter().find(|t| t.key == key)
}

/// The topics a text is about (each once, in lexicon order).
pub fn topics_of(text: &str) -> Vec<&'static Topic> {
    topic_indices(text)
        .into_iter()
        .map(|i| &TOPICS[i])
        .collect()
}

/// Positions in [`TOPICS`] of the topics `text` is about, ascending.
fn topic_indices(text: &str) -> Vec<usize> {
    let ws = words(text);
    let lex = lexicon();
    // Every hit: (topic, covered word positions).
    let mut hits: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut found = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        let by_prefix = char_prefix(w, PREFIX_KEY).and_then(|k| lex.prefix.get(k));
        let candidates = lex.exact.get(w).into_iter().chain(by_prefix).flatten();
        for (t, p) in candidates {
            found.clear();
            p.matches_at(&ws, i, &mut found);
            hits.extend(found.drain(..).map(|span| (*t, span)));
        }
    }
    // A hit loses to a strictly longer overlapping hit of another topic.
    let mut on = vec![false; TOPICS.len()];
    for (t, span) in &hits {
        let beaten = hits.iter().any(|(u, other)| {
            u != t && other.len() > span.len() && other.iter().any(|p| span.contains(p))
        });
        if !beaten {
            on[*t] = true;
        }
    }
    on.iter()
        .enumerate()
        .filter_map(|(i, on)| on.then_some(i))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Insights
// ---------------------------------------------------------------------------------------------

/// How often one topic came up in one bucket, with a few example texts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicCount {
    /// The topic's key.
    pub topic: String,
    pub label: String,
    pub count: usize,
    /// Up to three texts, first seen first, each cut to 140 characters.
    pub examples: Vec<String>,
}

impl TopicCount {
    /// "flu shot: 14 questions this week", "parking: 1 complaint this week".
    pub fn headline(&self, noun: &str) -> String {
        let noun = if self.count == 1 {
            noun.to_string()
        } else {
            plural(noun)
        };
        format!("{}: {} {} this week", self.label, self.count, noun)
    }
}

fn plural(noun: &str) -> String {
    let consonant_y = noun.ends_with('y')
        && !noun[..noun.len() - 1].ends_with(|c: char| "aeiou".contains(c))
        && noun.len() > 1;
    if consonant_y {
        format!("{}ies", &noun[..noun.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| noun.ends_with(e))
    {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

/// The week's topics per bucket, each sorted by count (desc) then label.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Insights {
    pub questions: Vec<TopicCount>,
    pub strengths: Vec<TopicCount>,
    pub weaknesses: Vec<TopicCount>,
}

const QUESTION_LABELS: [&str; 3] = ["general_question", "advice_request", "appointment"];

fn example(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= EXAMPLE_CHARS {
        return text;
    }
    let mut cut: String = text.chars().take(EXAMPLE_CHARS - 1).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

struct Tally {
    counts: Vec<usize>,
    examples: Vec<Vec<String>>,
}

impl Tally {
    fn new() -> Tally {
        Tally {
            counts: vec![0; TOPICS.len()],
            examples: vec![Vec::new(); TOPICS.len()],
        }
    }

    fn add(&mut self, idx: usize, text: &str) {
        self.counts[idx] += 1;
        let ex = example(text);
        let shown = &mut self.examples[idx];
        if shown.len() < MAX_EXAMPLES && !ex.is_empty() && !shown.contains(&ex) {
            shown.push(ex);
        }
    }

    fn into_counts(self) -> Vec<TopicCount> {
        let mut out: Vec<TopicCount> = TOPICS
            .iter()
            .zip(self.counts.into_iter().zip(self.examples))
            .filter(|(_, (count, _))| *count > 0)
            .map(|(t, (count, examples))| TopicCount {
                topic: t.key.to_string(),
                label: t.label.to_string(),
                count,
                examples,
            })
            .collect();
        out.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.label.to_lowercase().cmp(&b.label.to_lowercase()))
        });
        out
    }
}

/// `items` = (redacted text, guard labels). Questions are items labelled general_question,
/// advice_request or appointment; strengths are praise; weaknesses complaint. An item counts
/// once per topic in each bucket it belongs to. Sorted by count desc then label; topics with
/// count 0 are left out.
pub fn insights<'a>(items: impl IntoIterator<Item = (&'a str, &'a [String])>) -> Insights {
    let (mut questions, mut strengths, mut weaknesses) = (Tally::new(), Tally::new(), Tally::new());
    for (text, labels) in items {
        let has = |l: &str| labels.iter().any(|x| x == l);
        let question = QUESTION_LABELS.iter().any(|l| has(l));
        let (praise, complaint) = (has("praise"), has("complaint"));
        if !(question || praise || complaint) {
            continue;
        }
        for idx in topic_indices(text) {
            if question {
                questions.add(idx, text);
            }
            if praise {
                strengths.add(idx, text);
            }
            if complaint {
                weaknesses.add(idx, text);
            }
        }
    }
    Insights {
        questions: questions.into_counts(),
        strengths: strengths.into_counts(),
        weaknesses: weaknesses.into_counts(),
    }
}

/// A starting draft for "draft a post about this": a short, general, PHI-free post about the
/// topic with the `{phone}` / `{website}` placeholders the caller fills in, and hashtags. It
/// never speaks to one person's health: it informs and invites people to call or book.
pub fn draft_post(topic: &Topic, question_count: usize) -> String {
    let intro = match question_count {
        0 => String::new(),
        1 => format!(
            "You asked us about {}, so here's what to know.\n\n",
            topic.label
        ),
        n => format!(
            "{n} of you asked us about {} this week, so here's what to know.\n\n",
            topic.label
        ),
    };
    format!("{intro}{}\n\n{}", topic.draft, topic.hashtags)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<&'static str> {
        topics_of(text).iter().map(|t| t.key).collect()
    }

    fn about(text: &str, key: &str) -> bool {
        keys(text).contains(&key)
    }

    #[track_caller]
    fn assert_about(text: &str, key: &str) {
        assert!(
            about(text, key),
            "{text:?} should be about {key}, got {:?}",
            keys(text)
        );
    }

    #[track_caller]
    fn assert_not_about(text: &str, key: &str) {
        assert!(
            !about(text, key),
            "{text:?} should not be about {key}, got {:?}",
            keys(text)
        );
    }

    fn labels(ls: &[&str]) -> Vec<String> {
        ls.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn lexicon_is_well_formed() {
        assert!(topics().len() >= 25);
        let mut seen = std::collections::HashSet::new();
        for t in topics() {
            assert!(seen.insert(t.key), "duplicate key {}", t.key);
            assert!(
                t.key.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{} is not snake_case",
                t.key
            );
            assert!(!t.label.is_empty());
            assert!(!t.keywords.is_empty());
            assert_eq!(topic(t.key), Some(t));
        }
        assert!(topic("nope").is_none());
        // Compiling the lexicon panics on a malformed keyword.
        assert!(!lexicon().exact.is_empty());
    }

    #[test]
    fn words_fold_case_accents_apostrophes_and_placeholders() {
        assert_eq!(
            words("¿Dónde está la VACUNACIÓN? [PERSON_NAME] can't wait!!! soooo"),
            vec!["donde", "esta", "la", "vacunacion", "cant", "wait", "so"]
        );
        assert_eq!(words("Parkinson's"), vec!["parkinsons"]);
        assert_eq!(words("nurses' station"), vec!["nurses", "station"]);
        assert_eq!(words("#FluShot💉"), vec!["flushot", "💉"]);
    }

    #[test]
    fn flu_shot_in_english_and_spanish() {
        for text in [
            "When can I get my flu shot??",
            "do u guys do FLU SHOTS on weekends",
            "Is the influenza vaccine free with insurance?",
            "got my flu jab today 💪",
            "#FluShot clinic hours?",
            "Are flu and covid shots given at the same visit?",
            "¿Dónde puedo ponerme la vacuna contra la gripe?",
            "Ya tienen la vacuna de la influenza para niños?",
            "hay vacunas para la gripe en la farmacia?",
            "quiero vacunarme contra la gripe",
            "do you have the flu vaccines yet",
        ] {
            assert_about(text, "flu_shot");
        }
    }

    #[test]
    fn shot_alone_and_english_gripe_are_not_flu_shots() {
        assert_not_about("Great shot of the new wing!", "flu_shot");
        assert_not_about("My only gripe is the parking situation", "flu_shot");
        assert_about("My only gripe is the parking situation", "parking");
        assert_not_about("I had the flu last week and it was awful", "flu_shot");
        assert_not_about("Tengo gripe desde ayer", "flu_shot");
    }

    #[test]
    fn covid_vaccine_is_not_also_generic_vaccines() {
        assert_eq!(
            keys("Where can I get the covid vaccine?"),
            vec!["covid_vaccine"]
        );
        assert_about("is the new moderna booster out?", "covid_vaccine");
        assert_about(
            "¿Cuándo hay vacuna contra el COVID para mi mamá?",
            "covid_vaccine",
        );
        assert_eq!(keys("the flu shot was quick"), vec!["flu_shot"]);
        // A separate mention of vaccines still counts.
        assert_eq!(
            keys("flu shot done, what other vaccines does my son need for school"),
            vec!["flu_shot", "vaccines"]
        );
    }

    #[test]
    fn childhood_vaccines() {
        assert_about("does my 4yo need the MMR before kindergarten", "vaccines");
        assert_about("Necesito la cartilla de vacunación de mi hija", "vaccines");
        assert_about("where do i get a copy of his shot records", "vaccines");
        assert_about("💉 appointments for kids?", "vaccines");
    }

    #[test]
    fn parking_is_not_parkinsons() {
        assert_about("parking was a NIGHTMARE, circled for 30 min", "parking");
        assert_about("where do I park for the cancer center", "parking");
        assert_about("¿Dónde me puedo estacionar?", "parking");
        assert_about("el estacionamiento cuesta demasiado", "parking");
        assert_not_about("Do you have a Parkinson's support group?", "parking");
        assert_not_about("Parkinsons clinic is amazing", "parking");
    }

    #[test]
    fn billing_appointments_and_waits() {
        assert_about("I got billed twice for the same visit", "billing");
        assert_about("do u take medicaid", "billing");
        assert_about("Me cobraron de más y el seguro no cubre nada", "billing");
        assert_about("need to reschedule my appt", "appointments");
        assert_about("Quiero hacer una cita con el pediatra", "appointments");
        assert_about("Quiero hacer una cita con el pediatra", "pediatrics");
        assert_about("5 hour wait in the ER, unacceptable", "wait_times");
        assert_about("5 hour wait in the ER, unacceptable", "emergency");
        assert_about("3 horas en la sala de espera 😡", "wait_times");
        assert_not_about("can't wait for the new wing to open", "wait_times");
    }

    #[test]
    fn on_hold_is_the_phone_line_not_the_wait() {
        assert_eq!(keys("me dejaron en espera 40 minutos"), vec!["phone_line"]);
        assert_about("called 6 times and nobody picks up", "phone_line");
        assert_about("Llamé y nadie contesta", "phone_line");
        // A redacted number is not a mention of the phone line.
        assert_not_about("text me at [PHONE] thanks", "phone_line");
    }

    #[test]
    fn care_topics() {
        assert_about("The ER nurses were angels", "emergency");
        assert_about("The ER nurses were angels", "nurses_staff");
        assert_about("what are visiting hours on the maternity floor", "visiting");
        assert_about(
            "what are visiting hours on the maternity floor",
            "maternity",
        );
        assert_about("pharmacy lost my perscription AGAIN", "pharmacy");
        assert_about("still no lab results after 2 weeks", "test_results");
        assert_about("MyChart keeps logging me out", "patient_portal");
        assert_about("can I do a video visit instead?", "telehealth");
        assert_about(
            "Di a luz aquí y las enfermeras fueron increíbles",
            "maternity",
        );
        assert_about(
            "Di a luz aquí y las enfermeras fueron increíbles",
            "nurses_staff",
        );
        assert_about("nicu team saved our baby", "pediatrics");
        assert_about("my mom's chemo nurses are the best", "cancer_care");
        assert_about(
            "do you have a therapist who takes my insurance",
            "mental_health",
        );
        assert_about("bathroom was filthy", "cleanliness");
        assert_about("the cafeteria food is actually good lol", "food");
        assert_about("Dr. [PERSON_NAME] has the best bedside manner", "doctors");
        assert_about("no one told us anything for hours", "communication");
        assert_about("they wouldn't give her any pain meds", "pain_management");
        assert_about("which entrance is closest to radiology", "directions");
        assert_about("which entrance is closest to radiology", "imaging");
        assert_about("wifi in the rooms is terrible", "amenities");
        assert_about("do I still need a mask to visit?", "masks_policy");
        assert_about("where can I get a rapid covid test", "covid_testing");
        assert_about("are you hiring RNs?", "careers");
        assert_about(
            "how do I get a copy of my medical records",
            "medical_records",
        );
        assert_about("my surgery got cancelled the morning of", "surgery");
        assert_about("how can I volunteer at the hospital", "volunteering");
        assert_about(
            "¿Tienen intérprete? Mi papá no habla inglés",
            "language_access",
        );
    }

    #[test]
    fn praise_words_alone_are_not_topics() {
        assert!(keys("great job everyone!!! 🙌").is_empty());
        assert!(keys("Buen trabajo, gracias").is_empty());
        assert!(keys("").is_empty());
        assert_not_about("Happy birthday to our founder!", "maternity");
        assert_not_about("the labor day picnic was fun", "maternity");
    }

    #[test]
    fn everyday_phrases_that_look_like_topics_are_not() {
        assert_not_about("what are your hours of operation?", "surgery");
        assert_not_about("I need to apply for financial assistance", "careers");
        assert_about("I need to apply for financial assistance", "billing");
        assert_not_about("the care was priceless", "billing");
        assert_not_about("know the signs of a stroke", "directions");
        assert_not_about("the lot is scary in the dark", "communication");
        assert_not_about("Hola, me llamo [PERSON_NAME]", "phone_line");
        assert_not_about("I need to visit my doctor soon", "visiting");
        assert_eq!(keys("estamos esperando un bebé 💕"), vec!["maternity"]);
    }

    #[test]
    fn a_week_of_inbox_is_read_quickly() {
        let texts = [
            "When can I get my flu shot?? parking was a nightmare and the wait took 3 hours",
            "¿Dónde puedo ponerme la vacuna contra la gripe? Llamé y nadie contesta",
            "The ER nurses were angels, Dr. [PERSON_NAME] has the best bedside manner",
        ];
        let per_round: usize = texts.iter().map(|t| topics_of(t).len()).sum();
        assert_eq!(per_round, 8, "{:?}", texts.map(keys));
        let start = std::time::Instant::now();
        let n: usize = (0..3000).map(|i| topics_of(texts[i % 3]).len()).sum();
        assert_eq!(n, 8000);
        // Generous even for a debug build: a hash lookup per word, not a scan per keyword.
        let took = start.elapsed();
        assert!(took < std::time::Duration::from_secs(5), "{took:?}");
    }

    #[test]
    fn each_topic_once_in_lexicon_order() {
        let ts = keys("parking parking PARKING and the flu shot, flu shot");
        assert_eq!(ts, vec!["flu_shot", "parking"]);
    }

    #[test]
    fn insights_count_by_bucket_and_sort() {
        let q = labels(&["general_question"]);
        let appt = labels(&["appointment", "general_question"]);
        let praise = labels(&["praise"]);
        let complaint = labels(&["complaint"]);
        let both = labels(&["praise", "complaint"]);
        let spam = labels(&["spam"]);
        let items: Vec<(&str, &[String])> = vec![
            ("when is the flu shot clinic?", &q),
            ("flu shot for my 2 yr old?", &appt),
            ("can I get a flu shot at the pharmacy", &q),
            ("where do I park?", &q),
            ("nurses were amazing", &praise),
            ("parking is a joke", &complaint),
            ("nurses great, parking awful", &both),
            ("buy flu shot cheap online", &spam),
        ];
        let ins = insights(items);
        // The flu-shot-and-pharmacy question counts in both topics; the appointment counts once.
        let q: Vec<(&str, usize)> = ins
            .questions
            .iter()
            .map(|c| (c.topic.as_str(), c.count))
            .collect();
        assert_eq!(q, vec![("flu_shot", 3), ("parking", 1), ("pharmacy", 1)]);
        assert_eq!(ins.strengths.len(), 2);
        assert_eq!(ins.strengths[0].topic, "nurses_staff");
        assert_eq!(ins.strengths[0].count, 2);
        // Ties sort by label: "nurses & staff" < "parking".
        assert_eq!(ins.strengths[1].topic, "parking");
        assert_eq!(ins.weaknesses[0].topic, "parking");
        assert_eq!(ins.weaknesses[0].count, 2);
        assert_eq!(
            ins.weaknesses[0].examples,
            vec!["parking is a joke", "nurses great, parking awful"]
        );
        assert_eq!(ins.questions[0].examples.len(), 3);
    }

    #[test]
    fn ties_are_sorted_by_label() {
        let q = labels(&["advice_request"]);
        let ins = insights(vec![
            ("wifi?", q.as_slice()),
            ("cafeteria hours?", q.as_slice()),
            ("billing dept?", q.as_slice()),
        ]);
        let l: Vec<&str> = ins.questions.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(
            l,
            vec![
                "billing & insurance",
                "food & cafeteria",
                "Wi-Fi & amenities"
            ]
        );
        assert!(ins.strengths.is_empty() && ins.weaknesses.is_empty());
    }

    #[test]
    fn examples_are_capped_and_truncated() {
        let long = format!("the parking {}", "is really bad ".repeat(20));
        let c = labels(&["complaint"]);
        let items: Vec<(&str, &[String])> = (0..5).map(|_| (long.as_str(), c.as_slice())).collect();
        let ins = insights(items);
        let p = &ins.weaknesses[0];
        assert_eq!(p.count, 5);
        // Identical texts are shown once.
        assert_eq!(p.examples.len(), 1);
        assert_eq!(p.examples[0].chars().count(), EXAMPLE_CHARS);
        assert!(p.examples[0].ends_with('…'));
        assert_eq!(
            insights(Vec::<(&str, &[String])>::new()),
            Insights::default()
        );
    }

    #[test]
    fn headline_singular_and_plural() {
        let mut c = TopicCount {
            topic: "flu_shot".into(),
            label: "flu shot".into(),
            count: 14,
            examples: vec![],
        };
        assert_eq!(c.headline("question"), "flu shot: 14 questions this week");
        c.count = 1;
        assert_eq!(c.headline("question"), "flu shot: 1 question this week");
        c.count = 2;
        assert_eq!(c.headline("complaint"), "flu shot: 2 complaints this week");
        assert_eq!(c.headline("reply"), "flu shot: 2 replies this week");
        assert_eq!(c.headline("mention"), "flu shot: 2 mentions this week");
        assert_eq!(c.headline("praise"), "flu shot: 2 praises this week");
    }

    #[test]
    fn drafts_are_general_phi_free_and_invite_contact() {
        let guard = guard::Guard::new(guard::OrgProfile::default());
        for t in topics() {
            let d = draft_post(t, 14);
            assert!(
                d.contains("{phone}") || d.contains("{website}"),
                "{}",
                t.key
            );
            assert!(d.starts_with("14 of you asked us about"), "{d}");
            assert!(d.contains('#'), "{} has no hashtag", t.key);
            assert!(d.chars().count() <= 450, "{} draft too long: {d}", t.key);
            // No identifier at all, and nothing addressed to one person's condition.
            let filled = d
                .replace("{phone}", "the number on our website")
                .replace("{website}", "our website");
            let report = guard.scan(&filled);
            assert_eq!(
                report.verdict,
                guard::Verdict::Pass,
                "{}: {report:?}",
                t.key
            );
            for personal in ["your diagnosis", "you should take", "your symptoms", "dose"] {
                assert!(
                    !d.to_lowercase().contains(personal),
                    "{}: {personal}",
                    t.key
                );
            }
            // The draft is about its own topic.
            assert!(
                about(t.draft, t.key) || t.key == "communication",
                "{}",
                t.key
            );
        }
        let flu = topic("flu_shot").unwrap();
        assert_eq!(
            flu.hashtags(),
            vec!["#FluShot", "#FluSeason", "#GetVaccinated"]
        );
        assert!(draft_post(flu, 3).ends_with("\n\n#FluShot #FluSeason #GetVaccinated"));
        assert!(!draft_post(flu, 0).starts_with("You asked"));
        assert!(draft_post(flu, 1).starts_with("You asked us about flu shot"));
    }
}
