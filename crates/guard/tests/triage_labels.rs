//! Behaviour of comment triage on hand-written comments, including the hard negatives of
//! issue 2 (profanity without abuse, quoted myths, sarcasm, general vs personal questions).
//! Each test checks the exact label set of every comment and reports all mismatches at once.

use guard::{Guard, Label, OrgProfile};
use std::sync::OnceLock;

use Label::*;

fn guard() -> &'static Guard {
    static G: OnceLock<Guard> = OnceLock::new();
    G.get_or_init(|| {
        Guard::new(OrgProfile {
            name: "Riverside Health".into(),
            phones: vec!["(415) 555-0132".into()],
            websites: vec!["https://riverside.example".into()],
            ..OrgProfile::default()
        })
    })
}

fn check(cases: &[(&str, &[Label])]) {
    let mut failures = Vec::new();
    for (text, want) in cases {
        let t = guard().classify(text);
        let mut want = want.to_vec();
        want.sort();
        let mut got = t.labels.clone();
        got.sort();
        if got != want {
            let scores: Vec<String> = t
                .scores
                .iter()
                .filter(|(_, s)| **s >= 0.2)
                .map(|(l, s)| format!("{}={s:.2}", l.as_str()))
                .collect();
            failures.push(format!(
                "{text:?}\n    want {want:?}\n    got  {got:?} [{}]",
                scores.join(" ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} wrong:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn personal_health_questions_are_advice_requests_that_disclose() {
    check(&[
        ("I'm 28 weeks pregnant with a fever of 101, should I get it?", &[AdviceRequest, PhiDisclosure]),
        ("my son has had a rash on his arms for 3 days, what should I do", &[AdviceRequest, PhiDisclosure]),
        ("How much tylenol can I give my 2 year old? she weighs 26 lbs", &[AdviceRequest, PhiDisclosure]),
        ("Can I take ibuprofen with my amoxicillin?", &[AdviceRequest, PhiDisclosure]),
        ("I've had a headache for a week and blurry vision, is this serious?", &[AdviceRequest, PhiDisclosure]),
        ("my husband has chest pain and his left arm is numb should we go to the ER??", &[AdviceRequest, PhiDisclosure]),
        ("is it normal for my newborn to sleep 5 hours straight without eating", &[AdviceRequest, PhiDisclosure]),
        ("dr pls help my throat is so sore i cant swallow what can i take", &[AdviceRequest, PhiDisclosure]),
        ("My 6 yo threw up twice tonight and now has diarrhea. Should I bring her in or wait it out?", &[AdviceRequest, PhiDisclosure]),
        ("What dose of melatonin is ok for me? I can't sleep", &[AdviceRequest, PhiDisclosure]),
        ("I keep getting dizzy when i stand up, do i need to see someone?", &[AdviceRequest, PhiDisclosure]),
        ("my knee is swollen after a fall, could it be broken?", &[AdviceRequest, PhiDisclosure]),
        ("I missed 2 of my birth control pills, what do I do??", &[AdviceRequest, PhiDisclosure]),
    ]);
}

#[test]
fn general_health_questions_are_not_advice_requests() {
    check(&[
        ("Is the flu shot safe during pregnancy?", &[GeneralQuestion]),
        (
            "How long is someone with the flu contagious?",
            &[GeneralQuestion],
        ),
        ("What are the early signs of a stroke?", &[GeneralQuestion]),
        (
            "At what age should women start getting mammograms?",
            &[GeneralQuestion],
        ),
        ("Can you get the flu from the flu shot?", &[GeneralQuestion]),
        (
            "what's the difference between RSV and a cold",
            &[GeneralQuestion],
        ),
        ("Do kids need a booster for measles?", &[GeneralQuestion]),
        (
            "How effective is the new covid vaccine against the current variant?",
            &[GeneralQuestion],
        ),
    ]);
}

#[test]
fn disclosures_of_health_information_are_phi() {
    check(&[
        (
            "my daughter Emma was just diagnosed with leukemia, please pray for her",
            &[PhiDisclosure],
        ),
        (
            "I'm HIV positive and I've never felt so welcome at a clinic. Thank you!",
            &[PhiDisclosure, Praise],
        ),
        (
            "My mom has stage 4 cancer and the oncology nurses have been angels",
            &[PhiDisclosure, Praise],
        ),
        (
            "I was diagnosed with bipolar disorder last year",
            &[PhiDisclosure],
        ),
        (
            "My MRN is 4471203, can someone check if my results are in?",
            &[PhiDisclosure, Appointment],
        ),
        (
            "my son is autistic and the ER staff were so patient with him, thank you",
            &[PhiDisclosure, Praise],
        ),
        (
            "I have diabetes, is it safe for me to get the shingles vaccine?",
            &[AdviceRequest, PhiDisclosure],
        ),
        (
            "Had my chemo here last month. The infusion team is wonderful.",
            &[PhiDisclosure, Praise],
        ),
    ]);
}

#[test]
fn topics_are_not_disclosures() {
    check(&[
        (
            "I have a question about diabetes screening, is it covered for adults?",
            &[GeneralQuestion],
        ),
        ("So grateful for the cancer center team!", &[Praise]),
        (
            "Breast cancer awareness month: when should I start screening?",
            &[GeneralQuestion],
        ),
    ]);
}

#[test]
fn profanity_alone_is_not_abuse() {
    check(&[
        ("this app is f***ing great, thanks nurses!", &[Praise]),
        (
            "holy shit the ER was fast tonight, thank you all",
            &[Praise],
        ),
        ("damn, best care I've ever had", &[Praise]),
        ("the parking here is a fucking nightmare", &[Complaint]),
    ]);
}

#[test]
fn insults_and_threats_are_abusive() {
    check(&[
        ("you people are incompetent idiots", &[Abusive, Complaint]),
        ("Your receptionist is a stupid b*tch", &[Abusive, Complaint]),
        ("I hope you all die, useless clowns", &[Abusive, Complaint]),
        (
            "i know where you live dr. patel, watch your back",
            &[Abusive],
        ),
        ("F*** YOU AND YOUR HOSPITAL 🖕", &[Abusive, Complaint]),
        ("you're all a bunch of morons", &[Abusive]),
        (
            "pinches pendejos, no sirven para nada",
            &[Abusive, Complaint],
        ),
    ]);
}

#[test]
fn spam_is_spam() {
    check(&[
        ("DM me to earn $$$ from home 💰💰", &[Spam]),
        ("follow for follow? 🔥🔥", &[Spam]),
        (
            "I made $5,000 in a week trading bitcoin with Mr. James, contact him on WhatsApp",
            &[Spam],
        ),
        (
            "Great post! Check out my page for cheap meds without prescription www.rx-deals.xyz",
            &[Spam],
        ),
        ("🚀🚀 NEW CRYPTO GIVEAWAY link in bio 🚀🚀", &[Spam]),
        (
            "Lose weight fast with keto pills, order now at slimfast-keto.shop",
            &[Spam],
        ),
    ]);
}

#[test]
fn false_health_claims_are_misinformation() {
    check(&[
        (
            "vaccines cause autism, everyone knows it",
            &[Misinformation],
        ),
        ("5G towers spread covid. wake up people", &[Misinformation]),
        (
            "Ivermectin cures covid and big pharma is hiding it",
            &[Misinformation],
        ),
        (
            "drinking a little bleach cures infections, my uncle swears by it",
            &[Misinformation],
        ),
        ("covid was a hoax to sell vaccines", &[Misinformation]),
        ("The covid shot has microchips in it lol", &[Misinformation]),
        ("las vacunas causan autismo", &[Misinformation]),
    ]);
}

#[test]
fn asking_about_or_debunking_a_myth_is_a_general_question_not_misinformation() {
    check(&[
        ("is it true that vaccines cause autism?", &[GeneralQuestion]),
        (
            "My sister says the MMR causes autism. Is that true?",
            &[GeneralQuestion],
        ),
        ("Does 5G really spread covid?", &[GeneralQuestion]),
        (
            "Vaccines do not cause autism. This myth has been debunked many times.",
            &[GeneralQuestion],
        ),
        ("can ivermectin cure covid?", &[GeneralQuestion]),
    ]);
}

#[test]
fn logistics_are_appointments() {
    check(&[
        ("What time do you open on Saturday?", &[Appointment]),
        (
            "How do I reschedule my appointment for next week?",
            &[Appointment],
        ),
        ("Where do I park for the imaging center?", &[Appointment]),
        ("Do you take Medicaid?", &[Appointment]),
        (
            "I need a copy of my medical records sent to my new doctor",
            &[Appointment],
        ),
        (
            "Can I get a referral to dermatology through the portal?",
            &[Appointment],
        ),
        ("are you accepting new patients", &[Appointment]),
        (
            "I was charged twice for the same visit and nobody answers the billing line",
            &[Appointment, Complaint],
        ),
    ]);
}

#[test]
fn complaints_and_sarcasm() {
    check(&[
        ("great, another 3 hour wait. thanks a lot", &[Complaint]),
        (
            "Worst experience ever. The front desk was rude and dismissive.",
            &[Complaint],
        ),
        (
            "Been on hold for 45 minutes trying to reschedule 😡",
            &[Appointment, Complaint],
        ),
        (
            "oh wonderful, they lost my paperwork AGAIN 🙄",
            &[Complaint],
        ),
        (
            "love waiting 2 hours past my appointment time, really professional",
            &[Complaint],
        ),
        ("Nobody ever calls back. Unacceptable.", &[Complaint]),
        (
            "The nurses were wonderful but the wait in the ER was terrible",
            &[Complaint, Praise],
        ),
        ("THIS IS THE WORST HOSPITAL IN THE STATE", &[Complaint]),
    ]);
}

#[test]
fn praise_is_praise() {
    check(&[
        (
            "Thank you to the L&D nurses, you were amazing ❤️",
            &[Praise],
        ),
        (
            "Dr. Nguyen and her team went above and beyond. Highly recommend!",
            &[Praise],
        ),
        ("🙏🙏 grateful for everyone in the NICU", &[Praise]),
        ("best urgent care in town, in and out in 20 min", &[Praise]),
        ("shout out to the night shift in 4 west 👏👏", &[Praise]),
    ]);
}

#[test]
fn thanks_closing_a_request_is_not_praise() {
    check(&[
        ("What are your hours on Sunday? Thanks!", &[Appointment]),
        (
            "can I take zyrtec and benadryl together? thanks in advance",
            &[AdviceRequest, PhiDisclosure],
        ),
    ]);
}

#[test]
fn spanish_comments_are_triaged() {
    check(&[
        (
            "¿cuánto ibuprofeno le doy a mi hijo de 3 años?",
            &[AdviceRequest, PhiDisclosure],
        ),
        ("excelente atención, gracias", &[Praise]),
        ("¿a qué hora abren?", &[Appointment]),
        (
            "Pésimo servicio, esperé 4 horas y nadie me atendió",
            &[Complaint],
        ),
        (
            "Mi esposo tiene fiebre y tos desde ayer, ¿qué hago?",
            &[AdviceRequest, PhiDisclosure],
        ),
        (
            "¿Es seguro vacunarse contra la gripe durante el embarazo?",
            &[GeneralQuestion],
        ),
        ("¿Aceptan seguro de Medicaid?", &[Appointment]),
    ]);
}

#[test]
fn multi_label_comments() {
    check(&[
        ("I've been waiting 3 weeks for a callback about my biopsy results, this is ridiculous", &[PhiDisclosure, Appointment, Complaint]),
        ("can't believe I waited 5 hours in the ER with a broken arm. the doctor was great though", &[PhiDisclosure, Complaint, Praise]),
    ]);
}

#[test]
fn a_varied_mix_of_comments() {
    check(&[
        ("My mom is 67 and her ankles have been swelling up all week. Is that her heart?", &[AdviceRequest, PhiDisclosure]),
        ("How often should adults get a tetanus booster?", &[GeneralQuestion]),
        ("Sat in the waiting room for 5 hrs with my screaming toddler. never again", &[Complaint]),
        ("you guys are the best!!! 💕💕 thank u for everything", &[Praise]),
        ("Earn $500 daily from home, no experience needed. Message me now 💸💸", &[Spam]),
        ("Chemo is poison, they just want your money. Juice fasting cured my aunt's cancer.", &[PhiDisclosure, Misinformation]),
        ("Does the pharmacy on Elm St take walk-ins for shingles shots?", &[Appointment]),
        ("Your staff are lazy idiots who can't read a chart", &[Abusive, Complaint]),
        ("I was just diagnosed with type 2 diabetes and honestly I'm overwhelmed", &[PhiDisclosure]),
        ("can u get pregnant on ur period??", &[GeneralQuestion]),
        ("is it bad that my 4 yr old has had green snot for 2 weeks? no fever", &[AdviceRequest, PhiDisclosure]),
        ("OMG THANK YOU to the ICU nurses who took care of my dad!!! You are heroes", &[Praise, PhiDisclosure]),
        ("I heard that the covid vaccine changes your DNA, is that real?", &[GeneralQuestion]),
        ("What's the number for billing? I have a question about my statement", &[Appointment]),
        ("oh sure, 'patients first'. that's why I got sent home with a fractured wrist 🙄", &[Complaint, PhiDisclosure]),
        ("Mi bebé de 8 meses tiene vómito y no quiere comer, ¿lo llevo a urgencias?", &[AdviceRequest, PhiDisclosure]),
        ("Los doctores de aquí son unos inútiles, me tuvieron 5 horas esperando", &[Complaint]),
        ("¿Cuál es el horario de la farmacia los domingos?", &[Appointment]),
        ("Muchas gracias a la enfermera Rosa, un ángel 😇", &[Praise]),
        ("El limón con bicarbonato cura el cáncer, compártelo", &[Misinformation]),
        ("hi, what's the best way to lower cholesterol without meds?", &[GeneralQuestion]),
        ("Stop pushing the flu shot, it's full of toxins and it doesn't even work", &[Misinformation]),
        ("Is the urgent care on 5th open on Thanksgiving?", &[Appointment]),
        ("Who do I talk to about a bill that went to collections by mistake? I have insurance!", &[Appointment, Complaint]),
        ("fantastic care in the maternity ward, they made my first birth so calm", &[Praise, PhiDisclosure]),
        ("u guys suck", &[Complaint]),
        ("I'm on lithium for bipolar and just found out I'm pregnant. Do I need to stop taking it?", &[AdviceRequest, PhiDisclosure]),
        ("👍", &[Praise]),
        ("Anyone want to buy Yeezys cheap? Real ones, DM", &[Spam]),
        ("If anyone from admin reads this: I will be outside at 5 and your CEO better show up. Last warning.", &[Abusive]),
        ("Are flu shots free for kids this year?", &[Appointment]),
        ("What are the symptoms of a UTI in older women?", &[GeneralQuestion]),
        ("dr kapoor is amazing but getting through on the phone is impossible", &[Praise, Complaint]),
        ("The vaccine is more dangerous than covid itself, look at the VAERS data", &[Misinformation]),
        ("My husband Tom Reyes is in room 412 after his heart surgery, can I bring him food from outside?", &[Appointment, PhiDisclosure]),
        ("My doc prescribed 50mg sertraline but I feel like a zombie, can I just cut it in half?", &[AdviceRequest, PhiDisclosure]),
        ("love the new parking garage, so much easier!", &[Praise]),
        ("HOW IS IT POSSIBLE THAT NOBODY ANSWERS THE PHONE AT A HOSPITAL", &[Complaint]),
        ("Can a child get the flu twice in one season?", &[GeneralQuestion]),
        ("Buy real followers 💯 cheap prices, visit boostfame.io", &[Spam]),
        ("my dad is 80 and keeps falling, last night he hit his head. should we take him in even tho he seems ok?", &[AdviceRequest, PhiDisclosure]),
        ("Why do babies need a vitamin K shot at birth?", &[GeneralQuestion]),
        ("3rd time this month my prescription wasn't ready when the app said it was. Get it together.", &[Complaint]),
        ("Shoutout to Nurse Kim on peds, my daughter actually smiled during her shots 🥹", &[Praise]),
        ("💰💰 Bitcoin investment 300% returns guaranteed, ask me how 💰💰", &[Spam]),
        ("Autism is caused by vaccines and Tylenol, the CDC covered it up", &[Misinformation]),
        ("how do I get my kid's immunization records sent to her new school?", &[Appointment]),
        ("Hope your whole building burns down with you in it", &[Abusive]),
        ("I'm a type 1 diabetic and your endocrinology team has been amazing these last 10 years", &[Praise, PhiDisclosure]),
        ("Does stress actually cause ulcers or is that a myth?", &[GeneralQuestion]),
        ("I've got a really bad toothache and my jaw is swelling, can I just take leftover amoxicillin?", &[AdviceRequest, PhiDisclosure]),
        ("You saved my wife's life after her stroke last spring. We will never forget it.", &[Praise, PhiDisclosure]),
        ("My neighbor says fluoride in tap water lowers IQ in kids. Should we switch to bottled?", &[GeneralQuestion]),
        ("Do you have evening hours for physicals? I work 9-5", &[Appointment]),
        ("Wow. Three hours on hold to be told the office is closed. Amazing service, truly.", &[Complaint]),
        ("Tengo 6 meses de embarazo y me duele mucho la espalda baja, ¿qué puedo tomar?", &[AdviceRequest, PhiDisclosure]),
        ("Qué vergüenza de hospital, mi papá lleva dos días en un pasillo", &[Complaint, PhiDisclosure]),
        ("¿Necesito cita para la vacuna de la influenza o puedo llegar directo?", &[Appointment]),
        ("Excelente equipo de enfermería, siempre atentos y cariñosos 💙", &[Praise]),
        ("Las vacunas de covid causan infartos en jóvenes, todos lo saben", &[Misinformation]),
        ("is it safe to take melatonin every night long term?", &[GeneralQuestion]),
        ("HIV can be cured with a plant-based diet, big pharma doesn't want you to know", &[Misinformation]),
        ("Where can I get a COVID test today near downtown?", &[Appointment]),
        ("I got billed $300 for a 'free' screening. Who do I call to fix this?", &[Appointment, Complaint]),
        ("Beautiful new cancer center, so proud of our community 👏", &[Praise]),
        ("absolute shitshow of an ER", &[Complaint]),
        ("I have epilepsy and my seizures got worse on the new generic, is that common?", &[AdviceRequest, PhiDisclosure]),
        ("🙌🙌🙌", &[Praise]),
        ("Hot moms in your area want to meet you 😘 click here", &[Spam]),
        ("Whoever the night nurse was on 3 East better hope I don't see her in the parking lot", &[Abusive]),
        ("Do you guys accept Blue Cross PPO?", &[Appointment]),
        ("What's the difference between a cold and the flu?", &[GeneralQuestion]),
        ("The surgeon was great, but the discharge nurse was rude and rushed us out", &[Praise, Complaint]),
        ("Masks cause bacterial pneumonia, that's been proven", &[Misinformation]),
        ("My wife Ana Lopez is having her C-section Friday at 7am, can her mom be in the room too?", &[Appointment, PhiDisclosure]),
        ("my 10 month old has a fever of 103.5 and is super sleepy, tylenol isn't bringing it down. what do we do??", &[AdviceRequest, PhiDisclosure]),
        ("Thank you for the free flu shot clinic at the library yesterday!", &[Praise]),
        ("STILL NO CALL BACK ABOUT MY MRI RESULTS. ITS BEEN 2 WEEKS.", &[Complaint, Appointment, PhiDisclosure]),
        ("Should kids with asthma get the flu vaccine?", &[GeneralQuestion]),
        ("Get paid $50/hr to review products online, link in my profile", &[Spam]),
        ("you're all useless, especially that moron at the front desk", &[Abusive, Complaint]),
        ("Is it normal to feel this tired after my second chemo round?", &[AdviceRequest, PhiDisclosure]),
        ("Great article on heart health, sharing with my family", &[Praise]),
        ("Can I park in the ER lot if I'm just visiting?", &[Appointment]),
        ("Eating raw garlic every day prevents cancer, doctors won't admit it", &[Misinformation]),
    ]);
}

#[test]
fn trickier_phrasings() {
    check(&[
        ("pls help my 2yo ate half a tube of diaper cream, does she need to be seen??", &[AdviceRequest, PhiDisclosure]),
        ("How contagious is pink eye and how long should kids stay home from school?", &[GeneralQuestion]),
        ("Registration lady rolled her eyes at me when I asked a question. Rude.", &[Complaint]),
        ("Best pediatric team in the state, hands down 🙌", &[Praise]),
        ("Want to make $1000 a week? I did it and so can you, check my page!!", &[Spam]),
        ("Drinking baking soda water keeps covid away, my whole family does it", &[Misinformation]),
        ("Is the imaging center open Saturdays for mammograms?", &[Appointment]),
        ("The charge nurse last night was a vile, nasty woman. Fire her.", &[Abusive, Complaint]),
        ("After 3 miscarriages we finally have our rainbow baby thanks to your fertility clinic 🌈", &[Praise, PhiDisclosure]),
        ("Are e-cigarettes actually safer than regular cigarettes?", &[GeneralQuestion]),
        ("My BP was 160/100 at the pharmacy machine, I don't have a headache though. Do I need the ER?", &[AdviceRequest, PhiDisclosure]),
        ("I'm 6 months sober today and your addiction program is a big reason why. Thank you.", &[Praise, PhiDisclosure]),
        ("Someone on facebook said turmeric cures arthritis better than any drug, any truth to it?", &[GeneralQuestion]),
        ("Can I request a female doctor for my annual exam?", &[Appointment]),
        ("Oh good, the portal is down again. Love that for me.", &[Complaint]),
        ("Mi mamá es diabética y tiene una herida en el pie que se puso negra, ¿es urgente?", &[AdviceRequest, PhiDisclosure]),
        ("Cobran carísimo y ni te atienden bien, qué decepción", &[Complaint]),
        ("¿Tienen estacionamiento gratis para pacientes?", &[Appointment]),
        ("Gracias al doctor Méndez por su paciencia con mi papá 🙏", &[Praise]),
        ("La quimioterapia mata más que el cáncer, mejor tratamientos naturales", &[Misinformation]),
        ("what age do kids usually get their first dental cleaning?", &[GeneralQuestion]),
        ("Covid vaccines made people sterile, that's why birth rates dropped", &[Misinformation]),
        ("Can I still get a flu shot at the walk-in clinic or is it too late in the season?", &[Appointment]),
        ("Insurance denied my claim because your office coded it wrong. Third call and nobody fixes it.", &[Appointment, Complaint]),
        ("The new playground outside pediatrics is adorable!", &[Praise]),
        ("This place is a joke", &[Complaint]),
        ("I have crohn's and I'm flaring bad, can't keep anything down for 2 days. Wait for my GI appt monday or go in?", &[AdviceRequest, PhiDisclosure]),
        ("❤️🙏", &[Praise]),
        ("Need a loan fast? Approved in minutes, bad credit ok, text 555-0199", &[Spam]),
        ("Keep posting this vaccine garbage and see what happens to your building", &[Abusive, Complaint]),
        ("Who do I contact to request my late father's medical records?", &[Appointment]),
        ("Is it true you lose most body heat through your head?", &[GeneralQuestion]),
        ("Nurses were kind, food was cold, wait was long. Mixed bag.", &[Praise, Complaint]),
        ("Cancer is just a vitamin B17 deficiency, apricot seeds fix it", &[Misinformation]),
        ("My son Liam (DOB 3/3/2015) has an appointment Tuesday, can we move it to Thursday?", &[Appointment, PhiDisclosure]),
        ("Took my first dose of Ozempic yesterday and I've been vomiting all night, is this normal?", &[AdviceRequest, PhiDisclosure]),
        ("The Zumba class at the wellness center is so fun, thanks for organizing!", &[Praise]),
        ("why does every visit take 3 hours when my appointment is at 10", &[Appointment, Complaint]),
        ("Do vaccines contain aluminum, and is that dangerous?", &[GeneralQuestion]),
        ("Cheap Ray-Bans 80% off today only >> rayban-outlet.shop", &[Spam]),
        ("you dumb b*tches lost my referral AGAIN", &[Abusive, Complaint, Appointment]),
        ("I tested positive for strep this morning at urgent care, how long until I'm not contagious?", &[AdviceRequest, PhiDisclosure]),
        ("Love this! More posts about mental health please 💚", &[Praise]),
        ("Do you have a sliding scale for people without insurance?", &[Appointment]),
        ("Sun exposure is the only way to get vitamin D, supplements are a scam", &[Misinformation]),
    ]);
}

#[test]
fn direct_messages_and_longer_comments() {
    check(&[
        ("hey so my girlfriend has had really bad cramps on her right side since last night and now shes throwing up, shes 24. urgent care or ER??", &[AdviceRequest, PhiDisclosure]),
        ("Can you catch shingles from someone who has it?", &[GeneralQuestion]),
        ("Nobody told us my grandmother was moved to another floor. We found out from the janitor. Communication is nonexistent.", &[Complaint]),
        ("Huge thanks to the radiology techs, so gentle with my anxious kiddo 💛", &[Praise]),
        ("Im a certified forex trader, I help people make profits daily. Inbox me to get started", &[Spam]),
        ("Fluoride is a neurotoxin that calcifies your pineal gland, filter your water people", &[Misinformation]),
        ("what are the visiting hours for the maternity unit?", &[Appointment]),
        ("That doctor is a racist pig and I hope she loses her license", &[Abusive, Complaint]),
        ("I was in your psych unit for two weeks in March and it genuinely saved my life.", &[Praise, PhiDisclosure]),
        ("how much water should an adult drink a day really?", &[GeneralQuestion]),
        ("my eye has been twitching for 3 weeks straight and now its kinda droopy?? should i worry", &[AdviceRequest, PhiDisclosure]),
        ("thank you dr. alvarez for catching my husband's melanoma early 🙏🙏", &[Praise, PhiDisclosure]),
        ("My aunt swears apple cider vinegar cured her diabetes. Is there anything to that?", &[GeneralQuestion, PhiDisclosure]),
        ("Do I need a referral to see the sleep clinic or can I book directly?", &[Appointment]),
        ("Fantastic. My records were sent to the wrong hospital. Again.", &[Complaint, Appointment]),
        ("Doctor, mi hijo de 10 años se golpeó la cabeza jugando fútbol y ahora le duele y tiene sueño, ¿es peligroso?", &[AdviceRequest, PhiDisclosure]),
        ("Cinco horas en urgencias y nadie nos dijo nada. Pésimo.", &[Complaint]),
        ("¿Dónde puedo pagar mi factura en línea?", &[Appointment]),
        ("Las enfermeras del tercer piso son un amor, gracias por todo", &[Praise]),
        ("El cáncer se cura con bicarbonato y limón, los doctores lo esconden", &[Misinformation]),
        ("Are generic medications as good as brand name?", &[GeneralQuestion]),
        ("Breast milk cures pink eye, just squirt some in", &[Misinformation]),
        ("do yall do sports physicals on weekends", &[Appointment]),
        ("Your ER charged me $2,400 for stitches. Two thousand four hundred dollars. For stitches.", &[Complaint, PhiDisclosure]),
        ("Congrats to the whole team on the Magnet recognition! Well deserved", &[Praise]),
        ("worst customer service ive ever experienced smh", &[Complaint]),
        ("I'm on warfarin and I cut my finger pretty deep cooking, it won't stop bleeding after 20 min. what do I do", &[AdviceRequest, PhiDisclosure]),
        ("💙💙💙 best nurses", &[Praise]),
        ("Get 50% off all supplements with code HEALTH50 at vitashop.co", &[Spam]),
        ("I swear if that nurse touches my mother again I will break her hands", &[Abusive]),
        ("Is there a shuttle from the parking garage to the cancer center?", &[Appointment]),
        ("Does cracking your knuckles cause arthritis?", &[GeneralQuestion]),
        ("The ICU nurses are saints. The billing department, not so much.", &[Praise, Complaint, Appointment]),
        ("Antidepressants are just happy pills that make you a zombie, exercise is all you need", &[Misinformation]),
        ("My mother Rosa Delgado is in the ICU bed 7, can someone give me an update on her condition?", &[Appointment, PhiDisclosure]),
        ("I think I have a UTI again, burning when I pee and going every 10 min. Can I get antibiotics without coming in?", &[AdviceRequest, PhiDisclosure]),
        ("Such an informative webinar on menopause, thank you!", &[Praise]),
        ("3 weeks waiting for a callback from cardiology. Is anyone actually working there?", &[Complaint, Appointment]),
        ("At what age should I start getting colonoscopies?", &[GeneralQuestion]),
        ("🔥🔥 FREE iPhone 16 giveaway, tag 3 friends and follow us 🔥🔥", &[Spam]),
        ("shut your mouth you quack, nobody asked for your opinion", &[Abusive, Complaint]),
        ("Is it normal for my incision to still be oozing a week after my c-section?", &[AdviceRequest, PhiDisclosure]),
        ("Loved the flu shot drive thru, took 5 minutes! 👍", &[Praise]),
        ("Hi, I need to cancel my appointment for tomorrow at 2, something came up", &[Appointment]),
        ("MRNA vaccines are gene therapy that permanently alters your DNA", &[Misinformation]),
    ]);
}

#[test]
fn more_everyday_comments() {
    check(&[
        ("My newborn's belly button looks red and smells a little, is that infected or normal?", &[AdviceRequest, PhiDisclosure]),
        ("How do I know if a mole is cancerous?", &[GeneralQuestion]),
        ("Called 6 times today. Six. Voicemail every single time.", &[Complaint]),
        ("To the phlebotomist who got my tiny veins on the first try: you're a wizard 🧙", &[Praise]),
        ("Looking for 5 serious people to join my business, work 2 hrs a day from your phone 📲💵", &[Spam]),
        ("Wifi routers cause cancer and headaches, turn them off at night", &[Misinformation]),
        ("Is the lab at the north campus open before 7am for fasting bloodwork?", &[Appointment]),
        ("The anesthesiologist was an arrogant prick who wouldn't answer one question", &[Abusive, Complaint]),
        ("As a breast cancer survivor, seeing this pink ribbon post made me cry. Thank you 💗", &[Praise, PhiDisclosure]),
        ("Do antibiotics make birth control less effective?", &[GeneralQuestion]),
        ("I've been having panic attacks every night this week and can't breathe during them. Should I go to the ER when it happens?", &[AdviceRequest, PhiDisclosure]),
        ("Your hospice team made my grandpa's last days peaceful. Forever grateful.", &[Praise, PhiDisclosure]),
        ("Saw a TikTok saying you can detox your liver with lemon water, is that legit?", &[GeneralQuestion]),
        ("How early should I arrive for a 9am outpatient surgery?", &[Appointment, PhiDisclosure]),
        ("Oh perfect, the only elevator to the clinic is broken. Again. With a wheelchair.", &[Complaint]),
        ("Mi esposa tiene 32 semanas y se le hinchan mucho los pies y la cara, ¿es normal?", &[AdviceRequest, PhiDisclosure]),
        ("Me cancelaron la cirugía dos veces, ya no sé qué hacer, qué falta de seriedad", &[Complaint, PhiDisclosure]),
        ("¿Aceptan pacientes nuevos en medicina familiar?", &[Appointment]),
        ("Excelente el servicio de urgencias pediátricas, rápidos y muy humanos", &[Praise]),
        ("El VPH no existe, es un invento para vender vacunas", &[Misinformation]),
        ("Can you get sunburned on a cloudy day?", &[GeneralQuestion]),
        ("Statins are a scam that cause dementia, cholesterol is good for you", &[Misinformation]),
        ("Is the flu vaccine available at the pharmacy without an appointment?", &[Appointment]),
        ("I paid my copay at check in and they billed me again. Whats going on", &[Appointment, Complaint]),
        ("Proud to have been born here 50 years ago and now my grandson was born here too 💙", &[Praise]),
        ("trash hospital trash staff", &[Abusive, Complaint]),
        ("I think I'm having an allergic reaction to the new antibiotic, my lips are tingling. What should I do?", &[AdviceRequest, PhiDisclosure]),
        ("yesss 🙌🙌", &[Praise]),
        ("Click here to claim your $500 Walmart gift card: walmart-rewards.win", &[Spam]),
        ("If my dad dies because of your negligence I will make sure every one of you pays", &[Abusive, Complaint, PhiDisclosure]),
        ("Are your urgent cares open on Christmas Day?", &[Appointment]),
        ("Why do fevers happen at night more?", &[GeneralQuestion]),
        ("Loved my midwife, hated the billing nightmare afterward", &[Praise, Complaint, Appointment]),
        ("Microwaved food causes cancer, I only eat raw now", &[Misinformation]),
        ("Can my mom's caregiver pick up her prescriptions? She had a stroke and can't drive", &[Appointment, PhiDisclosure]),
        ("My 14 yo daughter has been cutting herself, I just found out. Where do we even start?", &[AdviceRequest, PhiDisclosure]),
        ("What a great idea to have a farmers market at the hospital!", &[Praise]),
        ("Two months waiting for a dermatology appointment is unacceptable", &[Complaint]),
        ("how long does it take for the covid booster side effects to go away", &[GeneralQuestion]),
        ("Earn free crypto just by walking 🚶 download the app, link in bio", &[Spam]),
        ("That receptionist needs a personality transplant, miserable cow", &[Abusive, Complaint]),
        ("is it ok that I've had a low grade fever for 10 days after my knee replacement?", &[AdviceRequest, PhiDisclosure]),
        ("Your nutrition posts have helped me lose 40 lbs this year, thank you!", &[Praise]),
        ("Where is the pediatric entrance? Google maps takes me to the loading dock", &[Appointment]),
        ("The MMR shot gave my son autism, I watched it happen", &[Misinformation, PhiDisclosure]),
    ]);
}

#[test]
fn slang_typos_and_shouting() {
    check(&[
        ("my lil one has a temp of 102.4 n wont stop crying, can i alternate tylenol n motrin??", &[AdviceRequest, PhiDisclosure]),
        ("wat r the signs of dehydration in babies", &[GeneralQuestion]),
        ("waited 4 EVER for my rx 😤😤", &[Complaint]),
        ("yall are AMAZING 😍😍 best hospital ever", &[Praise]),
        ("DM me for cheap v1agra and c1alis, discreet shipping", &[Spam]),
        ("vaxxed ppl are shedding spike proteins, stay away from them", &[Misinformation]),
        ("wen does the pharmacy close 2nite", &[Appointment]),
        ("ur dr is a f*cking idiot", &[Abusive, Complaint]),
        ("im bipolar and off my meds for a month, starting to feel it. can i just restart them?", &[AdviceRequest, PhiDisclosure]),
        ("does the hpv vaccine work if ur already sexually active?", &[GeneralQuestion]),
        ("THE ER NURSES TONIGHT WERE INCREDIBLE THANK YOU", &[Praise]),
        ("gr8 job losing my lab results AGAIN 👏👏👏", &[Complaint]),
        ("my bf says u can't get pregnant the first time, true??", &[GeneralQuestion]),
        ("how do i sign up 4 the diabetes class", &[Appointment]),
        ("lmaooo this hospital is a joke", &[Complaint]),
        ("mi hijo tiene tos con flema desde hace una semana y fiebre en las noches, q le doy?", &[AdviceRequest, PhiDisclosure]),
        ("q asco de servicio, nunca mas vuelvo", &[Complaint]),
        ("a q hora cierran urgencias?? es urgente", &[Appointment]),
        ("mil gracias a todo el equipo, son los mejores ❤️", &[Praise]),
        ("el cloro cura el autismo, lo vi en un video", &[Misinformation]),
        ("r eggs bad for cholesterol or nah", &[GeneralQuestion]),
        ("covid is literally just a cold, stop the fearmongering", &[Misinformation]),
        ("do u guys take walk ins for covid tests", &[Appointment]),
        ("got a $900 bill for a visit insurance was supposed to cover wtf", &[Appointment, Complaint]),
        ("🥰🥰🥰 love u nurse jackie", &[Praise]),
        ("smh this place", &[Complaint]),
        ("pregnant w twins n having contractions every 8 min at 33 wks, do i come in or call first??", &[AdviceRequest, PhiDisclosure]),
        ("👏👏", &[Praise]),
        ("💯 legit, made $3k this week w/ my mentor, ask me how 💸", &[Spam]),
        ("keep it up and ill come down there n show u what happens", &[Abusive]),
        ("r u open on memorial day", &[Appointment]),
        ("how long does strep last w/o antibiotics", &[GeneralQuestion]),
        ("doc was gr8 but the front desk ppl r so rude", &[Praise, Complaint]),
        ("sunscreen is poison, coconut oil is all u need ☀️", &[Misinformation]),
        ("my grandma Betty Jones in rm 214 hasnt eaten all day, can someone check on her pls", &[Appointment, PhiDisclosure]),
        ("took plan b 3 days ago n now spotting, is that normal?", &[AdviceRequest, PhiDisclosure]),
        ("omg the new birthing suites r gorgeous", &[Praise]),
        ("been on hold 40 min just to ask a question 🙄", &[Complaint]),
        ("can kids take adult allergy meds if u cut them in half?", &[GeneralQuestion]),
        ("FREE followers!!! go to fr33followerz.net now", &[Spam]),
    ]);
}

#[test]
fn visits_claims_and_thanks() {
    check(&[
        ("My husband was just diagnosed with early onset Alzheimer's at 58. Does your memory clinic have a caregiver support group?", &[PhiDisclosure, Appointment]),
        ("Is it safe to get a tattoo while on blood thinners?", &[GeneralQuestion]),
        ("The doctor didn't even look at me, just typed on his computer the entire visit.", &[Complaint]),
        ("A huge thank you to the trauma team who saved my brother after his motorcycle accident", &[Praise, PhiDisclosure]),
        ("Hello dear, I am a widow looking for a kind man to talk with, please message me on WhatsApp", &[Spam]),
        ("Ultrasounds cause autism, that's why rates went up", &[Misinformation]),
        ("How do I transfer my prescriptions from CVS to your pharmacy?", &[Appointment]),
        ("Whoever runs this page is a brain-dead moron", &[Abusive]),
        ("I'm 17 and think I might be pregnant, can I get tested without my parents knowing?", &[PhiDisclosure, Appointment]),
        ("Why do some people get side effects from vaccines and others don't?", &[GeneralQuestion]),
        ("woke up with half my face drooping and my speech is slurred, is this a stroke??", &[AdviceRequest, PhiDisclosure]),
        ("Dr. Osei delivered my son last night and she was incredible. Welcome to the world, baby Kofi!", &[Praise, PhiDisclosure]),
        ("My coworker said antibiotics are bad for you and you should never take them. Is that right?", &[GeneralQuestion]),
        ("Do you validate parking for the women's center?", &[Appointment]),
        ("Love that the 'quick' registration took 40 minutes 🙃", &[Complaint]),
        ("Mi papá de 75 años se cayó y se pegó en la cadera, no se puede parar, ¿llamo a la ambulancia?", &[AdviceRequest, PhiDisclosure]),
        ("Llevo 3 meses esperando una cita con el cardiólogo, es una burla", &[Complaint, Appointment]),
        ("¿Cuánto cuesta una consulta sin seguro?", &[Appointment]),
        ("Qué bonito detalle del personal en Navidad, se nota el cariño 🎄", &[Praise]),
        ("Las antenas 5G causan cáncer y dolores de cabeza", &[Misinformation]),
        ("What's a normal resting heart rate for a teenager?", &[GeneralQuestion]),
        ("Cholesterol meds are the biggest scam in medicine, high cholesterol is actually protective", &[Misinformation]),
        ("Is the main lobby entrance accessible for wheelchairs?", &[Appointment]),
        ("You sent my bill to collections while I was still in chemo. Have a heart.", &[Complaint, Appointment, PhiDisclosure]),
        ("Go Riverside nurses!!! 💪💪", &[Praise]),
        ("never coming back to this dump", &[Complaint]),
        ("My daughter's ADHD meds make her not want to eat at all, should we lower the dose?", &[AdviceRequest, PhiDisclosure]),
        ("🙏❤️🙏", &[Praise]),
        ("Join our paid survey panel and earn $25 per survey! Sign up: surveycash.biz", &[Spam]),
        ("If I see that surgeon in public he better run", &[Abusive]),
        ("Can I get my kid's school physical form filled out without a visit?", &[Appointment]),
        ("How effective is the shingles vaccine for people over 60?", &[GeneralQuestion]),
        ("ER doc was wonderful. Discharge took 4 hours though.", &[Praise, Complaint]),
        ("Cancer patients should stop eating sugar because sugar feeds cancer, chemo won't work otherwise", &[Misinformation]),
        ("My son Jayden Cole, DOB 07/14/2012, needs his immunization record faxed to Lincoln Middle School", &[Appointment, PhiDisclosure]),
        ("Started new blood pressure meds yesterday and now I'm super dizzy when I stand. Normal side effect or call the doctor?", &[AdviceRequest, PhiDisclosure]),
        ("This health fair was so well organized, great job everyone!", &[Praise]),
        ("Still waiting on a refund from March. Nobody returns my calls.", &[Complaint, Appointment]),
        ("Can adults get hand foot and mouth disease?", &[GeneralQuestion]),
        ("Grow your Instagram to 10k followers in a week, DM 'GROW' now", &[Spam]),
    ]);
}

#[test]
fn scams_conspiracies_and_logistics() {
    check(&[
        ("My son just got stung by a bee and his hand is getting really puffy, he's never been stung before. Benadryl or ER?", &[AdviceRequest, PhiDisclosure]),
        ("Do flu shots lose effectiveness if you get them too early in the fall?", &[GeneralQuestion]),
        ("Third cancelled appointment in a row. I give up.", &[Appointment, Complaint]),
        ("The palliative care team treated my mom with so much dignity. Thank you from all of us.", &[Praise]),
        ("I can help you recover your hacked Facebook account, contact me now", &[Spam]),
        ("Hospitals get paid extra for every covid death, that's why the numbers were so high", &[Misinformation]),
        ("What's the fax number for medical records?", &[Appointment]),
        ("your whole ER staff are inbred hillbillies", &[Abusive, Complaint]),
        ("I was diagnosed with PCOS last month and I'm struggling. Are there any support groups here?", &[PhiDisclosure, Appointment]),
        ("Is it bad to sleep with a fan on?", &[GeneralQuestion]),
        ("My 5 year old keeps saying her ear hurts and she has a low fever, should I take her in today or wait until Monday?", &[AdviceRequest, PhiDisclosure]),
        ("I beat breast cancer 5 years ago thanks to your oncology team. Forever grateful 💗", &[Praise, PhiDisclosure]),
        ("My mom read that eating bananas at night causes weight gain, is that actually true?", &[GeneralQuestion]),
        ("Is there a pharmacy on site that's open 24 hours?", &[Appointment]),
        ("Nice to see the billing office finally answers emails... after 3 months.", &[Appointment, Complaint]),
        ("Mi hija de 2 años tiene fiebre de 39 y no quiere comer nada, ¿le puedo dar ibuprofeno y paracetamol juntos?", &[AdviceRequest, PhiDisclosure]),
        ("Nadie me explicó nada de los resultados, muy mal servicio", &[Appointment, Complaint]),
        ("¿Hasta qué hora está abierta la farmacia?", &[Appointment]),
        ("Gracias a todo el personal de maternidad, nos trataron de maravilla", &[Praise]),
        ("La vacuna del covid tiene grafeno y te controla con el 5G", &[Misinformation]),
        ("How many hours of sleep does a teenager need?", &[GeneralQuestion]),
        ("Autism is caused by bad parenting, not genetics", &[Misinformation]),
        ("Can I get a TB test done same day for my new job?", &[Appointment]),
        ("Why am I getting a bill for a visit that was supposed to be covered 100%?", &[Appointment, Complaint]),
        ("Our town is lucky to have this hospital 🙌", &[Praise]),
        ("garbage hospital", &[Complaint]),
        ("I'm on metformin and I keep getting shaky and sweaty before lunch, is my sugar dropping?", &[AdviceRequest, PhiDisclosure]),
        ("💐💐💐", &[Praise]),
        ("Are you a healthcare worker struggling with debt? We can cut it in half! Call now 1-800-555-0100", &[Spam]),
        ("Watch your back doc, I know what car you drive", &[Abusive]),
        ("Where do I drop off a stool sample?", &[Appointment]),
        ("Can stress cause hair loss?", &[GeneralQuestion]),
        ("Dr. Patel is the best, but the 2 hour wait every time is too much", &[Praise, Complaint]),
        ("Vaccines are full of aborted fetal tissue and heavy metals", &[Misinformation]),
        ("Hi, I'm Marcus Bell, DOB 11/02/1979, I need to reschedule my colonoscopy", &[Appointment, PhiDisclosure]),
        ("got a tattoo 4 days ago and it's hot, red and leaking yellow stuff. infected? do I need antibiotics?", &[AdviceRequest, PhiDisclosure]),
        ("Great video on stroke signs, shared it with my parents", &[Praise]),
        ("The call center hung up on me twice. Unreal.", &[Complaint]),
        ("Is it ok to exercise with a cold?", &[GeneralQuestion]),
        ("🎰 Best online casino, 200% bonus on first deposit! Play now 🎰", &[Spam]),
    ]);
}

#[test]
fn longer_messages_with_several_labels() {
    check(&[
        ("Hi. My father Gerald is 91 and was admitted Tuesday with pneumonia. We have not been able to reach anyone on his floor for an update since yesterday morning. Can someone please call me back?", &[PhiDisclosure, Appointment, Complaint]),
        ("Quick question - do you need to fast before a cholesterol test or is that outdated advice?", &[GeneralQuestion]),
        ("I've been on the waitlist for a therapist for 5 months. My anxiety is getting worse. Is there anything faster?", &[PhiDisclosure, Appointment, Complaint]),
        ("Just wanted to say the new ER check-in kiosks are so much faster. Nice upgrade!", &[Praise]),
        ("Hello I am Dr. Williams from the UN, I have a business proposal for you, kindly reply to my email", &[Spam]),
        ("Stop telling people to get boosters. Natural immunity is all anyone needs and the shots are killing young athletes.", &[Misinformation]),
        ("Is there somewhere I can charge my phone in the ER waiting area? Been here a while with my daughter.", &[Appointment]),
        ("You people are disgusting. My wife miscarried in your ER bathroom because nobody would see her. I hope you all rot.", &[Abusive, Complaint, PhiDisclosure]),
        ("My 3 month old was born at 32 weeks and now has a rattly cough. Should I be worried about RSV? Can we come in today?", &[AdviceRequest, PhiDisclosure, Appointment]),
        ("Does drinking coffee dehydrate you?", &[GeneralQuestion]),
        ("Los felicito por la nueva clínica en el barrio, hacía mucha falta. Ojalá tengan pediatras que hablen español.", &[Praise]),
        ("Mi suegra tiene demencia y se salió de la casa anoche, ya la encontramos pero está muy confundida y con moretones. ¿La llevo a urgencias?", &[AdviceRequest, PhiDisclosure]),
        ("¿Es verdad que el té de manzanilla sirve para los cólicos de los bebés?", &[GeneralQuestion]),
        ("No me quisieron atender porque llegué 10 minutos tarde, después de esperar 2 meses por la cita. Indignante.", &[Complaint, Appointment]),
        ("Lol the comments on this post are wild. Anyway thanks for the free blood pressure checks at the market!", &[Praise]),
        ("I'm a nurse and I can confirm masks do nothing against viruses, the pores are too big", &[Misinformation]),
        ("How do I update my insurance info before my appointment Thursday?", &[Appointment]),
        ("Dr. Kim explained my diagnosis so clearly and never made me feel rushed. Rare these days.", &[Praise, PhiDisclosure]),
        ("every single nurse on 5W is a lazy useless waste of oxygen", &[Abusive, Complaint]),
        ("Follow my page for daily motivation and health tips 💪 @fitlife_daily", &[Spam]),
        ("What vaccines do adults need before traveling to Kenya?", &[GeneralQuestion]),
        ("I'm having thoughts of hurting myself and I don't know who to talk to", &[PhiDisclosure, AdviceRequest]),
        ("Whoever designed the parking garage should be fired lol. 20 minutes to find a spot.", &[Complaint]),
        ("My wife had a stroke last year and the rehab team got her walking again. We can't thank you enough.", &[Praise, PhiDisclosure]),
        ("Can I bring my service dog to my MRI appointment?", &[Appointment]),
        ("My toddler bit through his lip and it won't stop bleeding, it's been 15 minutes. Do we need stitches?", &[AdviceRequest, PhiDisclosure]),
        ("Homeopathic drops cured my daughter's ear infections for good. Doctors just want to push antibiotics.", &[Misinformation, PhiDisclosure]),
        ("Are your labs open on Saturday and do I need an order from my doctor?", &[Appointment]),
        ("Incredible care in the burn unit. My son is healing beautifully. Thank you all 💙", &[Praise, PhiDisclosure]),
        ("Is it normal for a newborn to lose weight in the first week?", &[GeneralQuestion]),
    ]);
}

#[test]
fn a_last_mixed_batch() {
    check(&[
        ("my gf passed out in the shower and hit her head, shes awake now but confused. ER?", &[AdviceRequest, PhiDisclosure]),
        ("Can you get shingles more than once?", &[GeneralQuestion]),
        ("They discharged my mom with no instructions and no follow up. Terrible.", &[Complaint, PhiDisclosure]),
        ("Shout out to the janitor on 2nd floor who always says good morning to my dad ❤️", &[Praise]),
        ("$$$ Work from home and earn up to $5000/month, no experience required, apply at jobs-now.xyz", &[Spam]),
        ("Cancer is a fungus and can be cured with baking soda, oncologists know this", &[Misinformation]),
        ("Where is the blood donation center and do I need an appointment?", &[Appointment]),
        ("The midwife who delivered my baby is a heartless witch", &[Abusive, Complaint, PhiDisclosure]),
        ("I have lupus and just found out I'm pregnant. Who should I see first?", &[AdviceRequest, PhiDisclosure]),
        ("Why is measles coming back?", &[GeneralQuestion]),
        ("tysm to the NICU nurses, our twins are finally home after 7 weeks 😭💕", &[Praise]),
        ("Is it true that cracking your back causes arthritis?", &[GeneralQuestion]),
        ("Do you have Saturday hours for kids' vaccines?", &[Appointment]),
        ("Cool cool cool, another 'system outage' and my surgery gets pushed again", &[Complaint, PhiDisclosure]),
        ("Mi abuelito tiene 88 años y desde ayer no reconoce a nadie y habla raro, ¿qué hacemos?", &[AdviceRequest, PhiDisclosure]),
        ("¿Tienen servicio de ambulancia para trasladar a mi mamá a otra clínica?", &[Appointment]),
        ("Excelente doctora, muy paciente y explica todo con calma 👏", &[Praise]),
        ("El agua oxigenada cura las infecciones de garganta, háganlo", &[Misinformation]),
        ("Son unos incompetentes, me dieron el medicamento equivocado", &[PhiDisclosure, Complaint]),
        ("How often should I replace my toothbrush?", &[GeneralQuestion]),
        ("Fluoride makes kids dumber, studies prove it", &[Misinformation]),
        ("Who do I call about an error on my bill?", &[Appointment]),
        ("my baby has had diarrhea 6 times today and only 1 wet diaper, how worried should I be", &[AdviceRequest, PhiDisclosure]),
        ("Buy Instagram likes 1000 for $1 👉 likes4u.shop", &[Spam]),
        ("You're all pathetic excuses for nurses", &[Abusive, Complaint]),
        ("Happy Nurses Week to the best team in the state!", &[Praise]),
        ("Is it safe to give a toddler melatonin?", &[GeneralQuestion]),
        ("I'll be waiting for that doctor in the parking lot tonight", &[Abusive]),
        ("Took my son for his 4 year checkup and the wait was 2 hours. Unacceptable.", &[Complaint]),
        ("Covid vaccines cause heart attacks in healthy young men, period.", &[Misinformation]),
    ]);
}

#[test]
fn plain_chatter_gets_no_label() {
    check(&[
        ("", &[]),
        ("Happy Monday everyone", &[]),
        ("Go Giants!", &[]),
    ]);
}

#[test]
fn advice_reply_is_attached_in_the_comment_language() {
    let t = guard().classify("my son has a fever of 102, should I give him tylenol?");
    let r = t.reply.expect("advice request gets a reply");
    assert!(r.contains("(415) 555-0132") && r.contains("911"));
    let t = guard().classify("¿cuánto ibuprofeno le doy a mi hijo de 3 años?");
    assert!(t.reply.expect("reply").contains("cita"));
    assert!(guard().classify("What time do you open?").reply.is_none());
}

#[test]
fn scores_cover_every_label_and_serialise_by_name() {
    let t = guard().classify("vaccines cause autism");
    assert_eq!(t.scores.len(), Label::ALL.len());
    assert!(t.scores.values().all(|s| (0.0..=1.0).contains(s)));
    let json = serde_json::to_value(&t).unwrap();
    assert!(json["scores"]["misinformation"].as_f64().unwrap() >= 0.5);
    assert_eq!(json["labels"][0], "misinformation");
    assert!(json.get("reply").is_none());
}
