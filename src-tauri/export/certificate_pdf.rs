//! The certificate of an issued certification: person, track,
//! specializations, issue and expiry dates.

use super::pdf_writer::{Layout, Weight, ACCENT, INK, MUTED};
use super::Certificate;

pub fn render(c: &Certificate) -> Result<Vec<u8>, String> {
    let mut page = Layout::new("")?;
    page.frame(24.0, 2.5, ACCENT);
    page.frame(30.0, 0.6, ACCENT);
    page.gap(130.0);
    page.centered("MONTANA STATE LIBRARY", 11.0, Weight::Bold, MUTED);
    page.gap(10.0);
    page.centered(
        "Certificate of Library Certification",
        24.0,
        Weight::Bold,
        ACCENT,
    );
    page.gap(30.0);
    page.centered("This certifies that", 12.0, Weight::Regular, INK);
    page.gap(14.0);
    page.centered(&c.person_name, 28.0, Weight::Bold, INK);
    if !c.library.trim().is_empty() {
        page.centered(&c.library, 12.0, Weight::Regular, MUTED);
    }
    page.gap(18.0);
    page.centered(
        "has completed the continuing education required for certification through the",
        12.0,
        Weight::Regular,
        INK,
    );
    page.gap(4.0);
    page.centered(&c.track_name, 16.0, Weight::Bold, INK);
    page.gap(18.0);
    if !c.specializations.is_empty() {
        page.centered(
            &format!(
                "with a specialization in {}",
                c.specializations.join(" and ")
            ),
            12.0,
            Weight::Regular,
            INK,
        );
        page.gap(10.0);
    }
    page.centered(
        &format!("Issued {}", c.issued_on),
        12.0,
        Weight::Regular,
        INK,
    );
    page.centered(
        &format!("Valid through {}", c.expires_on),
        12.0,
        Weight::Regular,
        INK,
    );
    page.gap(90.0);
    page.signature_lines(&["State Librarian", "Continuing Education Coordinator"]);
    page.finish(
        &format!("Certificate: {}", c.person_name),
        &format!("{} · {}", c.person_name, c.track_name),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_one_page() {
        let c = Certificate {
            person_name: "Zoë Ó Briain".into(),
            library: "Bitterroot Public Library".into(),
            track_name: "2023 Staff".into(),
            specializations: vec!["Technology".into()],
            issued_on: "2024-05-01".into(),
            expires_on: "2028-05-01".into(),
        };
        let bytes = render(&c).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
    }
}
