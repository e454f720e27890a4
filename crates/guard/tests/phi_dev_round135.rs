//! Rules added after rounds 135 (memory care) and 136 (refugee and global health) were opened
//! as a development set. Block: a courtesy title typed in lower case ("mrs tun", "la señora
//! rosita"), a Ukrainian title ("пані Галина"), a lower-case given name with an age ("ayaan
//! (7)"), a word-name who comes to a class ("Ray from our boxing class"). Pass: singers and
//! stars a post plays or lists, Encanto's characters, a word the post translates ("'Nour'
//! means light"), peoples that share a given name ("the Karen community"), countries, a unit's
//! acronym after a title ("our sister NICU"), "DR Congo". Texts here are not from eval/.

mod common;

use common::{clinic, has, pass};
use guard::Kind;

#[test]
fn lower_case_titles_foreign_titles_ages_and_group_members_block() {
    let g = clinic(common::STAFF);
    for (text, kind, needle) in [
        (
            "big thank you to mrs hale on bay 3 for the knitted hats x",
            Kind::PersonName,
            "hale",
        ),
        (
            "la señora chelo nos trajo pan dulce después de su cirugía",
            Kind::PersonName,
            "chelo",
        ),
        (
            "Дякуємо, пан Олег, for driving families to every appointment!",
            Kind::PersonName,
            "Олег",
        ),
        (
            "our little teacher zainab (6) taught the nurses to count in Swahili",
            Kind::PersonName,
            "zainab",
        ),
        (
            "Tip from Pearl from our Tuesday memory café: label the cupboards.",
            Kind::PersonName,
            "Pearl",
        ),
    ] {
        assert!(has(&g, text, kind, needle), "{text}");
    }
    // A ward named beside a lower-case title is a patient's place.
    assert!(has(
        &g,
        "mr tun on ward 9 says thanks for the tea",
        Kind::Location,
        "ward 9"
    ));
}

#[test]
fn performers_characters_glosses_peoples_and_countries_pass() {
    let g = clinic(common::STAFF);
    for text in [
        "This week we play Pedro Vargas, Toña la Negra and Los Panchos — bring your voice!",
        "Memory café playlist: the songs of Gracie Fields and George Formby.",
        "Dance to Bing Crosby and Doris Day at Friday's tea dance.",
        "We don't talk about Bruno, but we do talk about flu shots: Encanto-themed clinic Saturday!",
        "Welcome to the Amal Garden. 'Amal' means hope in Arabic.",
        "Thank you to elders from the Karen community for sharing their stories.",
        "Families from Myanmar, Eritrea and DR Congo can get check-ups here.",
        "A grant bought three incubators for our sister NICU in Ghana.",
        "Bòn fèt drapo! Nou la pou nou tout.",
    ] {
        assert!(pass(&g, text), "{text}");
    }
    // A patient whose favourite song is named is still hers.
    assert!(has(
        &g,
        "We played Rosa's favourite bolero for her 95th birthday.",
        Kind::PersonName,
        "Rosa"
    ));
    // A name a title gives in capitals is still a name in an all-caps shirt.
    assert!(has(
        &g,
        "a runner in a TEAM GRANDMA JUNE shirt crossed the line",
        Kind::PersonName,
        "JUNE"
    ));
}
