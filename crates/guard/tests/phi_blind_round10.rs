//! Rules added after the tenth blind batch (eval/phi_round10.jsonl): diminutive kin titles
//! ("mi abuelita Socorro"), the writer of a quoted comment or card ("comentario de Jazmín"),
//! and the words of a capitalised title after "de" are no town ("el Mes de Concientización").
//! Texts here are not from eval/.

mod common;

use common::{clinic, has, pass, STAFF};
use guard::Kind;

#[test]
fn a_word_name_after_a_diminutive_kin_title() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "Mil gracias por atender a mi abuelito Rosario en urgencias anoche.",
        Kind::PersonName,
        "Rosario"
    ));
    assert!(has(
        &g,
        "Shoutout to the nurses who looked after my grammy Pearl last week!",
        Kind::PersonName,
        "Pearl"
    ));
}

#[test]
fn the_writer_of_a_quoted_comment() {
    let g = clinic(STAFF);
    assert!(has(
        &g,
        "¡Nos cuidaron como familia! — mensaje de Esperanza, compartido con permiso 💕",
        Kind::PersonName,
        "Esperanza"
    ));
    assert!(has(
        &g,
        "This handwritten note from Oluchi made our night shift cry happy tears.",
        Kind::PersonName,
        "Oluchi"
    ));
    assert!(pass(
        &g,
        "A message from Lakeview Family Clinic: flu shots are free this Saturday."
    ));
}

#[test]
fn a_capitalised_title_is_no_town() {
    let g = clinic(STAFF);
    assert!(pass(
        &g,
        "Octubre es el Mes de Concientización sobre el Cáncer de Mama: tu mamá, tu hermana y tú merecen una mamografía."
    ));
}
