//! The bundled channel packs load, are sourced and dated, ask for what was not found, and a broken
//! pack is reported with its file, line and field.

use landfall::channels::{
    BUNDLED_CHANNEL_FILES, ChannelModel, FeeStatus, bundled_channels, load_channels,
};
use landfall::packs::PackOrigin;

#[test]
fn bundled_channel_packs_load_and_are_named_after_their_files() {
    let packs = bundled_channels().expect("bundled channel packs are valid");
    assert_eq!(packs.packs.len(), BUNDLED_CHANNEL_FILES.len());
    for (file, _) in BUNDLED_CHANNEL_FILES {
        let id = file
            .trim_start_matches("channels/")
            .trim_end_matches(".toml");
        assert!(packs.get(id).is_some(), "{file} defines pack `{id}`");
    }
    let rules = landfall::packs::bundled().expect("rule packs");
    for pack in packs.packs.values() {
        if let Some(link) = pack.header.amazon {
            assert_eq!(pack.header.model, ChannelModel::Amazon);
            let marketplace = rules
                .marketplace(link.marketplace.id())
                .expect("Amazon channel packs point at a bundled marketplace pack");
            assert_eq!(marketplace.header.currency, pack.header.currency);
        }
        if pack.header.model != ChannelModel::Payment {
            assert!(
                !pack.scores.is_empty(),
                "{} has qualitative scores",
                pack.header.id
            );
        }
    }
}

#[test]
fn figures_not_found_are_user_inputs_with_a_prompt() {
    let packs = bundled_channels().expect("bundled channel packs");
    let rakuten = packs.get("rakuten-ichiba").expect("rakuten");
    let system = rakuten
        .fees
        .iter()
        .find(|fee| fee.row.code == "system-usage")
        .expect("system usage fee");
    // The sources conflict (3.5–7.0% vs 5.0–7.0%): no rate is shipped.
    assert_eq!(system.row.status, FeeStatus::UserEntered);
    assert_eq!(system.row.rate, None);
    assert!(
        system
            .row
            .prompt
            .as_deref()
            .unwrap_or_default()
            .contains("5.0–7.0%")
    );
    for pack in packs.packs.values() {
        for fee in &pack.fees {
            if fee.row.status == FeeStatus::UserEntered {
                assert!(fee.row.amount.is_none() && fee.row.rate.is_none());
                assert!(
                    fee.row.prompt.is_some(),
                    "{}: {}",
                    pack.header.id,
                    fee.row.code
                );
            }
            assert!(!fee.provenance.source.url.is_empty());
        }
    }
}

#[test]
fn a_row_without_its_source_is_rejected_with_file_line_and_field() {
    let text = r#"[pack]
kind = "channel"
id = "broken"
name = "Broken"
model = "marketplace"
currency = "EUR"

[[fees]]
code = "plan"
label = "Plan"
basis = "monthly"
status = "published"
amount = "10"
effective_from = "2026-01-01"
source = "nowhere"
confidence = "official"

[[fees]]
code = "ask"
label = "Ask"
basis = "per-sale"
status = "user-entered"
rate = "3%"
effective_from = "2026-01-01"
source = "nowhere"
confidence = "official"
"#;
    let errors = load_channels([("channels/broken.toml", text)], PackOrigin::User)
        .expect_err("two broken rows");
    let rendered = errors.to_string();
    assert_eq!(errors.0.len(), 2, "{rendered}");
    assert_eq!(errors.0[0].line, Some(8));
    assert_eq!(errors.0[0].field.as_deref(), Some("source"));
    assert_eq!(errors.0[1].line, Some(18));
    assert!(
        rendered.starts_with("channels/broken.toml:8: field `source`: no `[sources.nowhere]`"),
        "{rendered}"
    );

    let unknown = load_channels(
        [(
            "channels/typo.toml",
            "[pack]\nkind = \"channel\"\nid = \"t\"\nname = \"T\"\nmodel = \"shop\"\ncurrency = \"EUR\"\n",
        )],
        PackOrigin::User,
    )
    .expect_err("unknown model");
    assert_eq!(unknown.0[0].line, Some(5));
    assert!(unknown.0[0].message.contains("shop"), "{unknown}");
}
