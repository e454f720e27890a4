//! `testing::FakeGraph`, the stateful Graph API the server's publishing tests use, driven by
//! the Facebook connector: what the connector does must change the fake's state the way it
//! would change a real Page, and the fake must refuse what Graph refuses.

use channels::facebook::Facebook;
use channels::testing::FakeGraph;
use channels::{ChannelConfig, Connector, ConnectorError, OutgoingPost};
use chrono::Utc;

const PAGE: &str = "104857600";
const TOKEN: &str = "EAAG-page-token";

fn connector(graph: &FakeGraph, token: &str, version: Option<&str>) -> Facebook {
    let config = ChannelConfig::Facebook {
        page_id: PAGE.into(),
        access_token: token.into(),
        api_base_url: Some(graph.base_url.clone()),
        api_version: version.map(str::to_string),
        app_secret: None,
        verify_token: None,
    };
    Facebook::new(&config, channels::http_client())
}

fn post(text: &str) -> OutgoingPost {
    OutgoingPost {
        text: text.into(),
        media: Vec::new(),
        idempotency_key: "delivery-1".into(),
        first_attempt_at: Utc::now(),
    }
}

#[tokio::test]
async fn publish_find_pin_and_delete_change_the_page() {
    let graph = FakeGraph::start(PAGE, "St. Mary's Hospital", TOKEN).await;
    let fb = connector(&graph, TOKEN, None);

    let page = fb.verify().await.unwrap();
    assert_eq!(page.display, "St. Mary's Hospital");
    assert_eq!(page.id, PAGE);
    assert_eq!(page.url.as_deref(), Some(graph.page_link().as_str()));

    let outgoing = post("Flu shots on Saturday 💉 https://example.org/flu #StayWell");
    assert_eq!(fb.find_published(&outgoing).await.unwrap(), None);
    let first = fb.publish(&outgoing).await.unwrap();
    let second = fb.publish(&post("Parking is free today")).await.unwrap();
    assert!(
        first.remote_id.starts_with(&format!("{PAGE}_")),
        "{first:?}"
    );
    assert_ne!(first.remote_id, second.remote_id);
    let posts = graph.posts();
    assert_eq!(posts.len(), 2);
    // Newest first, as the feed lists them.
    assert_eq!(posts[0].id, second.remote_id);
    assert_eq!(posts[1].message, outgoing.text);
    // The feed's times are in Graph's own format, which the connector must parse to find
    // the post after a lost answer.
    assert_eq!(
        fb.find_published(&outgoing).await.unwrap(),
        Some(first.clone())
    );

    fb.pin(&first.remote_id).await.unwrap();
    fb.pin(&second.remote_id).await.unwrap();
    let pinned: Vec<bool> = graph.posts().iter().map(|p| p.is_pinned).collect();
    assert_eq!(pinned, [true, false], "one pinned post per page");
    fb.unpin(&second.remote_id).await.unwrap();
    assert!(graph.posts().iter().all(|p| !p.is_pinned));

    fb.delete(&first.remote_id).await.unwrap();
    assert_eq!(graph.posts().len(), 1);
    assert_eq!(fb.find_published(&outgoing).await.unwrap(), None);
    // Gone already: Graph's code 100 / subcode 33, which the connector takes as done.
    fb.delete(&first.remote_id).await.unwrap();
    let err = fb.pin(&first.remote_id).await.unwrap_err();
    assert!(
        matches!(&err, ConnectorError::Permanent(m) if m.contains("does not exist")),
        "{err:?}"
    );

    let requests = graph.requests();
    assert!(
        requests.contains(&format!("DELETE /v21.0/{}", first.remote_id)),
        "{requests:?}"
    );
}

#[tokio::test]
async fn a_wrong_token_or_version_is_refused_and_nothing_is_posted() {
    let graph = FakeGraph::start(PAGE, "St. Mary's Hospital", TOKEN).await;
    let err = connector(&graph, "EAAG-someone-else", None)
        .publish(&post("hello"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ConnectorError::Permanent(m) if m.contains("page access token")),
        "{err:?}"
    );
    let err = connector(&graph, TOKEN, Some("latest"))
        .verify()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ConnectorError::Permanent(m) if m.contains("Unknown path")),
        "{err:?}"
    );
    // Another API version is still the same page.
    connector(&graph, TOKEN, Some("v19.0"))
        .verify()
        .await
        .unwrap();
    assert!(graph.posts().is_empty());
}
