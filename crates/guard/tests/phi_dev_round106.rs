//! Rules added after rounds 106 (nutrition, diabetes groups and cooking classes) and 108
//! (volunteers, chaplaincy, interpreters and transport) were opened as a development set:
//! dishes, drinks and brands named for people, famous cooks, a programme named in capitals,
//! the Patient Bill of Rights, Spanish "pa" before a town, the Virgin's names as names and a
//! noun after a lower-case title pass; a card's last digits in Spanish, a Bluesky handle, a
//! word-name greeted at the top of a reply and a volunteer set off by commas block. Texts
//! here are not from eval/.

mod common;

use common::{clinic, has, pass};
use guard::Kind;

#[test]
fn food_brands_and_programmes_pass() {
    let g = clinic(common::STAFF);
    for text in [
        "Try a salt-free blend like Mrs. Dash on your veggies tonight.",
        "Brunch idea: Eggs Benedict with a yogurt hollandaise.",
        "Sloppy Joe night, remixed with lentils and turkey.",
        "Mary Berry would approve of this lower-sugar Victoria sponge!",
        "Ojo: la salsa Valentina trae bastante sodio.",
        "Our free DESMOND course starts again in January.",
        "Our Patient Bill of Rights is now online in English, Spanish and Somali.",
        "¿Van pa Dallas este puente? Paren cada 2 horas.",
        "Rosario, Guadalupe, Dolores... muchas abuelitas llevan nombres de la Virgen.",
        "Nurse Tom Becker also coordinates our volunteer cuddler schedule.",
    ] {
        assert!(pass(&g, text), "{text}");
    }
}

#[test]
fn patients_in_these_shapes_block() {
    let g = clinic(common::STAFF);
    assert!(has(
        &g,
        "Se le cobró doble en la tarjeta terminada en 4471, ya hicimos el reembolso.",
        Kind::AccountNumber,
        "4471"
    ));
    assert!(has(
        &g,
        "Loved this recap 👉 @karla.eats.green.bsky.social 22 lbs down!",
        Kind::PersonName,
        "karla"
    ));
    assert!(has(
        &g,
        "hi chase! yes ur grandma can bring her wheelchair",
        Kind::PersonName,
        "chase"
    ));
    assert!(has(
        &g,
        "Give a wave to Bill, our volunteer driver, when you see him!",
        Kind::PersonName,
        "Bill"
    ));
    // A verb stays a verb; a newborn named Ruth is no candy bar, nor is Tom Collins a drink.
    assert!(pass(&g, "Don't forget to chase your GP for a referral."));
    assert!(has(
        &g,
        "Welcome to the world, baby Ruth! 💗 Born here on Tuesday.",
        Kind::PersonName,
        "Ruth"
    ));
    assert!(has(
        &g,
        "Tom Collins says thank you to the 4 West nurses for his new hip!",
        Kind::PersonName,
        "Tom Collins"
    ));
}
