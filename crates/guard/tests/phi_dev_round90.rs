//! Rules added after rounds 90 (staff recognition, people who are not in the directory) and 92
//! (paediatrics, names of many origins) were opened as a development set: a public figure in a
//! hashtag's capitalised words, a TV character with a nurse's title, a Spanish verb after a
//! title, greetings in other languages and a film's grandmother pass; a Spanish given name the
//! dictionary also holds, names of many origins the census lists miss, a name set off before a
//! place whose name starts with an animal word and a shout-out to a word-name "who" did
//! something block. Texts here are not from eval/.

mod common;

use common::{clinic, has, pass};
use guard::Kind;

const STAFF: &[&str] = &["Dr. Joy Alvarez", "Nurse Tom Becker", "Nurse Jordan Price"];

#[test]
fn clean_heritage_and_history_posts_pass() {
    let g = clinic(STAFF);
    for text in [
        "Today we remember a pioneer of nursing. Join our talk on Thursday! #MarySeacole #BlackHistoryMonth",
        "Fans of Call the Midwife will know Nurse Crane and Sister Julienne. Real midwifery looks a little different!",
        "En este Día de la Enfermera recordamos a Florence Nightingale y a las parteras de nuestros pueblos.",
        "Talofa, Mālō e lelei, Aloha, Xin chào, Namaste: however you say hello, our interpreters speak it.",
        "Mirabel y Abuela Alma estarán en el lobby para fotos. ¡Todos los niños reciben un libro!",
    ] {
        assert!(pass(&g, text), "{text}");
    }
}

#[test]
fn patients_in_these_shapes_still_block() {
    let g = clinic(STAFF);
    for (text, name) in [
        ("Valentina vino hoy a su cita de seguimiento.", "Valentina"),
        ("POV: la mamá de Valentina nos trae tamales porque hoy hace un año que salieron del NICU", "Valentina"),
        ("This spring Priyanka S. matched into pediatrics right here!", "Priyanka"),
        ("LETS GO MELE 🏐🔥 so proud of you", "MELE"),
        ("Un saludo especial a Daniela Ochoa, que es de Eagle Pass y quiere regresar a trabajar aquí.", "Daniela Ochoa"),
        ("A special shout-out to Daniela Ochoa, from Eagle Creek, on her first week home!", "Daniela Ochoa"),
        ("special mention to jade who did it all while pregnant with no.3", "jade"),
    ] {
        assert!(has(&g, text, Kind::PersonName, name), "{text}");
    }
    // A pet's apposition still clears a pet's name.
    assert!(pass(&g, "Duke, our newest Therapy Dog, visits on Mondays!"));
}
