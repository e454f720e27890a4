//! The compliant reply to a request for personal medical advice. It gives no advice, never
//! acknowledges that the writer (or anyone) is a patient, moves the conversation to an
//! in-person visit through the organisation's own contact points, and sends emergencies to
//! the emergency number.

use crate::OrgProfile;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Language {
    English,
    Spanish,
}

/// The English reply draft.
pub(crate) fn advice_reply(profile: &OrgProfile) -> String {
    advice_reply_in(profile, Language::English)
}

pub(crate) fn advice_reply_in(profile: &OrgProfile, lang: Language) -> String {
    let name = profile.name.trim();
    let phone = first(&profile.phones);
    let website = first(&profile.websites);
    let emergency = profile
        .emergency_number
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .unwrap_or("911");
    match lang {
        Language::English => {
            let us = if name.is_empty() {
                "us".to_owned()
            } else {
                name.to_owned()
            };
            let contact = match (phone, website) {
                (Some(p), Some(w)) => format!("Please call {us} at {p} or visit {w} to arrange"),
                (Some(p), None) => format!("Please call {us} at {p} to arrange"),
                (None, Some(w)) => format!("Please visit {w} to arrange"),
                (None, None) => format!("Please contact {us} directly to arrange"),
            };
            format!(
                "Thank you for reaching out. We can't give medical advice or discuss anyone's \
                 health on social media, for everyone's privacy. {contact} an appointment, so a \
                 clinician can talk with you in person. If this is an emergency, call {emergency} \
                 now."
            )
        }
        Language::Spanish => {
            let contact = match (phone, website) {
                (Some(p), Some(w)) => format!("Llámenos al {p} o visite {w} para programar"),
                (Some(p), None) => format!("Llámenos al {p} para programar"),
                (None, Some(w)) => format!("Visite {w} para programar"),
                (None, None) if !name.is_empty() => {
                    format!("Comuníquese con {name} para programar")
                }
                (None, None) => "Comuníquese con nosotros para programar".to_owned(),
            };
            format!(
                "Gracias por escribirnos. No podemos dar consejos médicos ni hablar de la salud \
                 de nadie en redes sociales, por la privacidad de todos. {contact} una cita y \
                 que un profesional le atienda en persona. Si es una emergencia, llame al \
                 {emergency} de inmediato."
            )
        }
    }
}

fn first(list: &[String]) -> Option<&str> {
    list.iter().map(|s| s.trim()).find(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> OrgProfile {
        OrgProfile {
            name: "Riverside Clinic".into(),
            phones: vec!["(415) 555-0132".into(), "415-555-0199".into()],
            websites: vec!["https://riverside.example".into()],
            ..OrgProfile::default()
        }
    }

    #[test]
    fn reply_gives_first_phone_website_and_911() {
        let r = advice_reply(&profile());
        assert!(r.contains("(415) 555-0132"));
        assert!(!r.contains("0199"));
        assert!(r.contains("https://riverside.example"));
        assert!(r.contains("911"));
        assert!(r.contains("in person"));
    }

    #[test]
    fn reply_never_confirms_a_patient_or_advises() {
        for lang in [Language::English, Language::Spanish] {
            let r = advice_reply_in(&profile(), lang).to_lowercase();
            for bad in [
                "your records",
                "your doctor",
                "your care team",
                "you should take",
                "our patient",
                "your visit",
            ] {
                assert!(!r.contains(bad), "{bad} in {r}");
            }
        }
    }

    #[test]
    fn reply_without_contacts_still_reads() {
        let r = advice_reply(&OrgProfile::default());
        assert!(r.contains("Please contact us directly to arrange an appointment"));
        assert!(r.contains("911"));
        let r = advice_reply_in(&OrgProfile::default(), Language::Spanish);
        assert!(r.contains("Comuníquese con nosotros"));
    }

    #[test]
    fn local_emergency_number_replaces_911() {
        let p = OrgProfile {
            emergency_number: Some("112".into()),
            ..profile()
        };
        let r = advice_reply(&p);
        assert!(r.contains("call 112"));
        assert!(!r.contains("911"));
    }

    #[test]
    fn spanish_reply_is_spanish() {
        let r = advice_reply_in(&profile(), Language::Spanish);
        assert!(r.contains("cita"));
        assert!(r.contains("Llámenos al (415) 555-0132"));
    }
}
