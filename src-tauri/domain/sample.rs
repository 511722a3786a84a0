//! The sample catalog behind "Load sample catalog" and `demo-data`: realistic
//! Montana CE events over the last four years and the next one. Deterministic
//! for a given day, so a demo looks the same all day.

use super::event::{CreditInput, EventInput};
use super::resource::ResourceInput;
use chrono::{Datelike, Duration, NaiveDate};

/// (title, event type, category, minutes, what it covers)
const TOPICS: &[(&str, &str, &str, i64, &str)] = &[
    ("Board Governance Basics for Library Trustees", "continuing_education", "LA", 90, "the roles of the board and the director, open meeting law, and how trustees set policy"),
    ("Budgeting and Mill Levies for Montana Libraries", "webinar", "LA", 60, "building a budget, explaining a mill levy to voters, and working with county commissioners"),
    ("Strategic Planning That Gets Used", "continuing_education", "LA", 120, "community assessment, writing measurable strategic goals, and reporting progress to the board"),
    ("Personnel Policies and Supervising Staff", "webinar", "LA", 60, "hiring, evaluations, and handling difficult conversations in a small library"),
    ("Library Law in Montana: MCA Title 22", "webinar", "LA", 60, "the statutes that govern public libraries, federations and library districts"),
    ("Advocacy on a Shoestring", "continuing_education", "LA", 60, "telling the library's story to local officials and the legislature"),
    ("Summer Reading Program Kickoff", "continuing_education", "LSP", 120, "this year's summer reading theme, program ideas and outreach for rural families"),
    ("Storytime Skills for Early Literacy", "continuing_education", "LSP", 90, "early literacy practices, rhymes and movement, and reaching caregivers"),
    ("Serving Patrons Experiencing Homelessness", "webinar", "LSP", 60, "trauma-informed service, partnerships, and library policies that treat everyone with dignity"),
    ("Reference Interview Refresher", "webinar", "LSP", 60, "open questions, readers' advisory and following up with patrons"),
    ("Outreach to Tribal Communities", "continuing_education", "LSP", 90, "building lasting partnerships with tribal colleges and communities across Montana"),
    ("Programming for Teens in Small Libraries", "webinar", "LSP", 60, "low-cost teen programs, teen advisory boards and summer volunteers"),
    ("Accessible Services for Patrons with Disabilities", "webinar", "LSP", 60, "the Montana Talking Book Library, assistive technology and accessible spaces"),
    ("Weeding Without Worry: the CREW Method", "continuing_education", "CMTS", 90, "MUSTIE criteria, weeding schedules and explaining weeding to the community"),
    ("Cataloging Basics in the MSC Shared Catalog", "continuing_education", "CMTS", 120, "copy cataloging, MARC fields that matter, and shared catalog standards"),
    ("Collection Development Policies", "webinar", "CMTS", 60, "writing a policy, reconsideration requests and intellectual freedom"),
    ("Montana Memory Project: Digitizing Local History", "continuing_education", "CMTS", 120, "scanning standards, metadata and adding collections to the Montana Memory Project"),
    ("Interlibrary Loan Best Practices", "webinar", "CMTS", 60, "lending and borrowing, shipping costs and the statewide courier"),
    ("Preserving Local Newspapers and Photographs", "continuing_education", "CMTS", 90, "storage, handling and disaster planning for special collections"),
    ("E-rate for Montana Libraries", "webinar", "TECH", 60, "the E-rate calendar, forms 470 and 471, and competitive bidding"),
    ("Cybersecurity for Small Libraries", "webinar", "TECH", 60, "passwords, backups, phishing and securing public computers"),
    ("Teaching Digital Literacy to Adults", "continuing_education", "TECH", 90, "one-on-one tech help, device petting zoos and Northstar assessments"),
    ("Website Makeovers with Free Tools", "continuing_education", "TECH", 120, "accessible library websites, content that patrons need and simple analytics"),
    ("Broadband and Hotspot Lending", "webinar", "TECH", 60, "circulating hotspots, data plans and measuring the impact of lending"),
    ("Montana Library Association Annual Conference", "conference", "LA", 480, "three days of sessions, the vendor hall and awards for Montana librarians"),
    ("Offline: Montana Library Association Retreat", "conference", "LSP", 360, "a retreat for small and rural libraries with hands-on workshops"),
    ("Federation Spring Meeting", "meeting", "LA", 180, "the federation's plan of service, state aid and member library reports"),
    ("Library Directors Quarterly Meeting", "meeting", "LA", 120, "updates from the State Library and round-table discussion"),
    ("Certification Application Deadline", "deadline", "LA", 0, "the deadline to submit certification applications for this period"),
    ("Annual Public Library Statistics Report Due", "deadline", "LA", 0, "the annual public library survey that every Montana public library files"),
];

const SPONSORS: &[&str] = &[
    "Montana State Library",
    "Montana Library Association",
    "Broad Valleys Federation",
    "Golden Plains Federation",
    "Pathfinder Federation",
    "Sagebrush Federation",
    "South Central Federation",
    "Tamarack Federation",
    "WebJunction",
    "Montana Shared Catalog",
];

const PLACES: &[&str] = &[
    "Lewis & Clark Library, 120 S Last Chance Gulch, Helena",
    "Billings Public Library, 510 N Broadway, Billings",
    "Missoula Public Library, 455 E Main St, Missoula",
    "Bozeman Public Library, 626 E Main St, Bozeman",
    "Great Falls Public Library, 301 2nd Ave N, Great Falls",
    "ImagineIF Library, 247 1st Ave E, Kalispell",
    "Butte-Silver Bow Public Library, 226 W Broadway, Butte",
    "Havre-Hill County Library, 402 3rd St, Havre",
    "Miles City Public Library, 1 S 10th St, Miles City",
    "Lewistown Public Library, 701 W Main St, Lewistown",
    "Bitterroot Public Library, 306 State St, Hamilton",
    "Glendive Public Library, 200 S Kendrick Ave, Glendive",
];

const TRAINERS: &[&str] = &[
    "Hale, Tracy - Statewide Consultant (Montana State Library)",
    "Running Crane, Mariah - Library Director (Browning Public Library)",
    "Okafor, Daniel - Digital Literacy Coordinator (Montana State Library)",
    "Lindqvist, Karen - Cataloging Librarian (Montana Shared Catalog)",
    "Two Bulls, Eli - Federation Coordinator (Golden Plains Federation)",
    "Marchetti, Rosa - Youth Services Consultant (Montana State Library)",
];

/// A small deterministic generator: sample data must not change run to run.
struct Mix(u64);
impl Mix {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

/// The seed page's own event, exactly as ASPeN shows it.
pub fn seed_event() -> EventInput {
    EventInput {
        title: "NEW Strategic Track to MSL Certification: what librarians need to know".into(),
        event_type: Some("continuing_education".into()),
        status: Some("closed".into()),
        begin: "2021-06-02T14:00".into(),
        end: Some("2021-06-02T15:00".into()),
        time_zone: Some("America/Denver".into()),
        description: Some(
            "This webinar will explore the process for librarians to utilize the Stategic Track to Montana State Library Certification.  This new track utilizes the library's strategic goals as the framework for a professional development plan leading to certification instead of the requirements for minimum credits in 4 categories of librarianship.  It is available only for librarians that are renewing their certification; participants must have already earned an MSL certificate through one of the legacy pathways to MSL certification.\n\n\
Attend this training to learn how the track works. Just like the legacy tracks, you begin by selecting the track in ASPeN.  But, before you can collect any credit, you must create a professional development plan that is tied to your library's strategic goals.  We're using Moodle for participants to create and upload their plans.  The Moodle environment also allows participants to interact with each other and for ongoing support from MSL staff.  The Strategic Track also permits a participant to design a self-directed learning activity that could be independent research or an apprentice-style experience that is not a formal training event. MSL encourages librarians to seek out deep and rigorous learning activities and to earn appropriate credit for the knowledge and skills they attain.\n\n\
This webinar will be recorded and posted to the MSL Vimeo Channel.  Once the webinar is posted, the link below will lead directly to it.\n\n\
CE category: .5 library administation".into(),
        ),
        delivery: Some("online".into()),
        sponsor: Some("Montana State Library".into()),
        credits: vec![CreditInput { category: "LA".into(), credits: 0.5 }],
        resources: vec![
            ResourceInput {
                title: "Recording on the MSL Vimeo Channel".into(),
                resource_type: Some("recording".into()),
                tags: vec!["strategic track".into(), "certification".into()],
                url: Some("https://vimeo.com/montanastatelibrary".into()),
                path: None,
            },
            ResourceInput {
                title: "MSL Certification Program".into(),
                resource_type: Some("other".into()),
                tags: vec!["certification".into()],
                url: Some("https://msl.mt.gov/libraries/certification/".into()),
                path: None,
            },
        ],
        ..Default::default()
    }
}

/// `count` events (the seed event first) from four years before `today` to one
/// year after it.
pub fn catalog(today: NaiveDate, count: usize) -> Vec<EventInput> {
    let mut mix = Mix(0x9E37_79B9_7F4A_7C15 ^ today.to_string().len() as u64);
    let first = today - Duration::days(4 * 365);
    let span_days = 5 * 365;
    let mut events = vec![seed_event()];
    for i in 1..count {
        let (topic, event_type, category, minutes, covers) = *mix.pick(TOPICS);
        let mut day = first + Duration::days((i as i64 * span_days) / count.max(1) as i64);
        // Training happens on weekdays.
        while day.weekday().number_from_monday() > 5 {
            day += Duration::days(1);
        }
        let hour = match event_type {
            "conference" => 8,
            "deadline" => 17,
            _ => [9, 10, 13, 14, 15, 18][(mix.next() % 6) as usize],
        };
        let delivery = match event_type {
            "webinar" => "online",
            "meeting" => ["in_person", "hybrid", "online"][(mix.next() % 3) as usize],
            "conference" => ["in_person", "hybrid"][(mix.next() % 2) as usize],
            "deadline" => "online",
            _ => ["online", "in_person", "hybrid"][(mix.next() % 3) as usize],
        };
        let place = *mix.pick(PLACES);
        let town = place.rsplit(", ").next().unwrap_or("Helena");
        let sponsor = *mix.pick(SPONSORS);
        let title = match event_type {
            "conference" | "deadline" => format!("{topic} {}", day.format("%Y")),
            "meeting" => format!("{topic} ({town})"),
            _ if delivery == "in_person" => format!("{topic}: {town} Workshop"),
            _ => topic.to_string(),
        };
        let begin = day.and_hms_opt(hour, 0, 0).unwrap_or_default();
        let end = begin + Duration::minutes(minutes);
        let half_hours = (minutes / 30).max(1);
        let mut credits = vec![];
        if !matches!(event_type, "meeting" | "deadline") {
            credits.push(CreditInput {
                category: category.into(),
                credits: half_hours as f64 / 2.0,
            });
            // Long sessions often earn in a second category too.
            if minutes >= 120 && mix.next().is_multiple_of(2) {
                let other = *mix.pick(&["LA", "LSP", "CMTS", "TECH"]);
                if other != category {
                    credits.push(CreditInput {
                        category: other.into(),
                        credits: 1.0,
                    });
                }
            }
        }
        let meeting_url = (delivery != "in_person")
            .then(|| format!("https://zoom.us/j/{}", 80_000_000 + mix.next() % 9_999_999));
        let mut description = format!(
            "Join {sponsor} for a session on {covers}. Bring your questions: there is time for discussion at the end.\n\n",
        );
        if delivery != "online" {
            description.push_str(&format!("We meet at {place}. Coffee is on us.\n\n"));
        }
        if event_type == "webinar" {
            description.push_str("This webinar will be recorded and posted to the MSL Vimeo Channel: https://vimeo.com/montanastatelibrary\n\n");
        }
        let mut resources = vec![];
        if i.is_multiple_of(4) {
            resources.push(ResourceInput {
                title: format!("{topic} handout"),
                resource_type: Some("handout".into()),
                tags: vec![category.to_lowercase()],
                url: Some(format!("https://msl.mt.gov/training/handouts/{i}")),
                path: None,
            });
        }
        if event_type == "webinar" && i.is_multiple_of(3) {
            resources.push(ResourceInput {
                title: "Recording".into(),
                resource_type: Some("recording".into()),
                tags: vec!["recording".into()],
                url: Some(format!(
                    "https://vimeo.com/montanastatelibrary/{}",
                    500_000 + i
                )),
                path: None,
            });
        }
        let status = if day < today { "closed" } else { "open" };
        events.push(EventInput {
            title,
            event_type: Some(event_type.into()),
            status: Some(status.into()),
            begin: begin.format("%Y-%m-%dT%H:%M").to_string(),
            end: Some(end.format("%Y-%m-%dT%H:%M").to_string()),
            time_zone: Some("America/Denver".into()),
            description: Some(description.trim_end().to_string()),
            delivery: Some(delivery.into()),
            meeting_url,
            location: if delivery == "online" {
                None
            } else {
                Some(place.into())
            },
            sponsor: Some(sponsor.into()),
            registration_required: !mix.next().is_multiple_of(3),
            credits,
            contact_positions: vec![],
            trainer_positions: if event_type == "deadline" {
                vec![]
            } else {
                vec![mix.pick(TRAINERS).to_string()]
            },
            resources,
        });
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_catalog_is_valid_and_varied() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
        let events = catalog(today, 240);
        assert_eq!(events.len(), 240);
        let mut types = std::collections::BTreeSet::new();
        let mut deliveries = std::collections::BTreeSet::new();
        let mut categories = std::collections::BTreeSet::new();
        let mut future = 0;
        for event in &events {
            let draft = event
                .validate()
                .unwrap_or_else(|e| panic!("{}: {e:?}", event.title));
            for r in &event.resources {
                r.validate("").expect("valid resource");
            }
            types.insert(draft.event_type);
            deliveries.insert(draft.delivery);
            categories.extend(draft.credits.iter().map(|c| c.category));
            if draft.begin.date_naive() > today {
                future += 1;
            }
        }
        assert_eq!(types.len(), 5);
        assert_eq!(deliveries.len(), 3);
        assert_eq!(categories.len(), 4);
        assert!(future >= 30, "{future} future events");
        assert!(events.iter().filter(|e| !e.resources.is_empty()).count() >= 50);
    }
}
