//! The sample catalog behind "Load sample catalog" and `demo-data`: realistic
//! Montana CE events over the last four years and the next one. Deterministic
//! for a given day, so a demo looks the same all day. Data, not rules: it
//! lives outside `domain/`.

use crate::domain::directory::{GoalInput, OrganizationInput, PersonInput};
use crate::domain::event::{CreditInput, EventInput};
use crate::domain::resource::ResourceInput;
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

/// The sample events' trainers: (last, first, title, organization). They are
/// in the sample directory too, so loading links them as positions.
const TRAINERS: &[(&str, &str, &str, &str)] = &[
    (
        "Hale",
        "Tracy",
        "Statewide Consultant",
        "Montana State Library",
    ),
    (
        "Okafor",
        "Daniel",
        "Digital Literacy Coordinator",
        "Montana State Library",
    ),
    (
        "Marchetti",
        "Rosa",
        "Youth Services Consultant",
        "Montana State Library",
    ),
    (
        "Lindqvist",
        "Karen",
        "Cataloging Librarian",
        "Montana State Library",
    ),
    (
        "Running Crane",
        "Mariah",
        "Library Director",
        "Glacier County Library",
    ),
    (
        "Two Bulls",
        "Eli",
        "Federation Coordinator",
        "Havre-Hill County Library",
    ),
];

fn trainer_display(t: &(&str, &str, &str, &str)) -> String {
    crate::domain::directory::position_display(Some((t.0, t.1)), t.2, t.3)
}

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
                vec![crate::domain::event::PositionRefInput::Text(
                    trainer_display(mix.pick(TRAINERS)),
                )]
            },
            resources,
        });
    }
    events
}

/// Montana public libraries by federation (town, library name), for the
/// sample directory. The people in it are invented.
const LIBRARIES: &[(&str, &[(&str, &str)])] = &[
    (
        "broad_valleys",
        &[
            ("Helena", "Lewis & Clark Library"),
            ("Bozeman", "Bozeman Public Library"),
            ("Butte", "Butte-Silver Bow Public Library"),
            ("Dillon", "Beaverhead County Library"),
            ("Livingston", "Livingston-Park County Public Library"),
        ],
    ),
    (
        "golden_plains",
        &[
            ("Havre", "Havre-Hill County Library"),
            ("Glasgow", "Glasgow City-County Library"),
            ("Malta", "Phillips County Library"),
            ("Plentywood", "Sheridan County Library"),
        ],
    ),
    (
        "pathfinder",
        &[
            ("Great Falls", "Great Falls Public Library"),
            ("Lewistown", "Lewistown Public Library"),
            ("Cut Bank", "Glacier County Library"),
            ("Fort Benton", "Chouteau County Library"),
        ],
    ),
    (
        "sagebrush",
        &[
            ("Miles City", "Miles City Public Library"),
            ("Glendive", "Glendive Public Library"),
            ("Sidney", "Sidney Public Library"),
            ("Baker", "Fallon County Library"),
        ],
    ),
    (
        "south_central",
        &[
            ("Billings", "Billings Public Library"),
            ("Red Lodge", "Red Lodge Carnegie Library"),
            ("Big Timber", "Big Timber Carnegie Public Library"),
            ("Hardin", "Bighorn County Library"),
        ],
    ),
    (
        "tamarack",
        &[
            ("Missoula", "Missoula Public Library"),
            ("Hamilton", "Bitterroot Public Library"),
            ("Kalispell", "ImagineIF Libraries"),
            ("Libby", "Lincoln County Public Libraries"),
        ],
    ),
];

/// Branches: (main library, town).
const BRANCHES: &[(&str, &str)] = &[
    ("Lewis & Clark Library", "Augusta"),
    ("Lewis & Clark Library", "East Helena"),
    ("Missoula Public Library", "Frenchtown"),
    ("ImagineIF Libraries", "Bigfork"),
    ("ImagineIF Libraries", "Columbia Falls"),
    ("Glacier County Library", "Browning"),
];

const GOALS: &[&str] = &[
    "Grow early literacy for families with young children",
    "Close the digital divide in our county",
    "Be the community's gathering place",
    "Preserve and share local history",
    "Serve rural residents beyond our walls",
    "Build sustainable funding for the library",
    "Support lifelong learning for adults",
    "Partner with schools and the tribal college",
];

const FIRST_NAMES: &[&str] = &[
    "Anna", "Ben", "Carla", "Dale", "Elena", "Frank", "Grace", "Hank", "Ida", "Jonas", "Kay",
    "Luis", "Maggie", "Nate", "Opal", "Pete", "Rita", "Sam", "Tess", "Walt",
];
const LAST_NAMES: &[&str] = &[
    "Anderson",
    "Bergstrom",
    "Carlson",
    "Dahl",
    "Eagle Speaker",
    "Fisher",
    "Gunderson",
    "Holm",
    "Iron Cloud",
    "Jensen",
    "Kowalski",
    "Larsen",
    "McLeod",
    "Nygaard",
    "Olsen",
    "Peterson",
    "Quinn",
    "Rasmussen",
    "Sorensen",
    "Thorne",
];

/// One organization of the sample directory and the people who work there.
pub struct SampleOrganization {
    pub org: OrganizationInput,
    /// Index of the parent in the list (branches come after their library).
    pub parent: Option<usize>,
    /// (person, position type code, title)
    pub staff: Vec<(PersonInput, &'static str, String)>,
}

fn slug(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

fn person(last: &str, first: &str, domain: &str) -> PersonInput {
    PersonInput {
        last_name: last.into(),
        first_name: first.into(),
        email: Some(format!("{}.{}@{domain}", slug(first), slug(last))),
        phone: None,
        active: None,
    }
}

/// The sample directory: Montana libraries in all six federations with
/// branches and strategic goals, their directors, staff and trustees, and the
/// State Library with the sample events' trainers.
pub fn directory() -> Vec<SampleOrganization> {
    let mut mix = Mix(0x5EED_D1EC_7042_0001);
    let mut name_index = 0usize;
    let mut next_name = || {
        name_index += 1;
        // Distinct (last, first) pairs for the first 400 people.
        let i = name_index;
        (
            LAST_NAMES[i % LAST_NAMES.len()],
            FIRST_NAMES[(i / LAST_NAMES.len() * 7 + i * 3) % FIRST_NAMES.len()],
        )
    };
    let mut out = vec![SampleOrganization {
        org: OrganizationInput {
            name: "Montana State Library".into(),
            org_type: Some("state_agency".into()),
            address: Some("1201 11th Ave, Helena, MT".into()),
            website: Some("https://msl.mt.gov".into()),
            strategic_goals: vec![GoalInput {
                id: None,
                text: "Strengthen libraries across Montana".into(),
            }],
            ..Default::default()
        },
        parent: None,
        staff: Vec::new(),
    }];
    for &(federation, libraries) in LIBRARIES {
        for &(town, name) in libraries {
            let domain = format!("{}.mtlib.example", slug(town));
            let mut goals = Vec::new();
            for _ in 0..3 {
                let goal = *mix.pick(GOALS);
                if !goals.iter().any(|g: &GoalInput| g.text == goal) {
                    goals.push(GoalInput {
                        id: None,
                        text: goal.into(),
                    });
                }
            }
            let mut staff = Vec::new();
            let (last, first) = next_name();
            staff.push((
                person(last, first, &domain),
                "director",
                "Library Director".to_string(),
            ));
            for _ in 0..(1 + mix.next() % 2) {
                let (last, first) = next_name();
                let title = *mix.pick(&[
                    "Children's Librarian",
                    "Circulation Clerk",
                    "Technical Services Librarian",
                    "Outreach Coordinator",
                ]);
                staff.push((person(last, first, &domain), "staff", title.to_string()));
            }
            let (last, first) = next_name();
            staff.push((
                person(last, first, &domain),
                "board_chair",
                "Board Chair".to_string(),
            ));
            let (last, first) = next_name();
            staff.push((
                person(last, first, &domain),
                "trustee",
                "Trustee".to_string(),
            ));
            out.push(SampleOrganization {
                org: OrganizationInput {
                    name: name.into(),
                    org_type: Some("public_library".into()),
                    federation: Some(federation.into()),
                    address: Some(format!("{town}, MT")),
                    email: Some(format!("info@{domain}")),
                    hours: Some("Mon–Thu 10–7, Fri–Sat 10–5".into()),
                    strategic_goals: goals,
                    ..Default::default()
                },
                parent: None,
                staff,
            });
        }
    }
    for &(main, town) in BRANCHES {
        let parent = out.iter().position(|o| o.org.name == main);
        let federation = parent.and_then(|i| out[i].org.federation.clone());
        let (last, first) = next_name();
        let domain = format!("{}.mtlib.example", slug(town));
        out.push(SampleOrganization {
            org: OrganizationInput {
                name: format!("{main} – {town} Branch"),
                org_type: Some("branch".into()),
                federation,
                address: Some(format!("{town}, MT")),
                ..Default::default()
            },
            parent,
            staff: vec![(
                person(last, first, &domain),
                "staff",
                "Branch Librarian".to_string(),
            )],
        });
    }
    // The trainers, at their organizations.
    for t in TRAINERS {
        if let Some(org) = out.iter_mut().find(|o| o.org.name == t.3) {
            let kind = if t.3 == "Montana State Library" {
                "msl_staff"
            } else if t.2 == "Library Director" {
                "director"
            } else {
                "staff"
            };
            org.staff
                .push((person(t.0, t.1, "mtlib.example"), kind, t.2.to_string()));
        }
    }
    out
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
            deliveries.insert(draft.details.delivery);
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

    #[test]
    fn the_sample_directory_covers_every_federation_and_holds_the_trainers() {
        let orgs = directory();
        let mut federations = std::collections::BTreeSet::new();
        for o in &orgs {
            let draft = o
                .org
                .validate()
                .unwrap_or_else(|e| panic!("{}: {e:?}", o.org.name));
            federations.extend(draft.federation);
            for (p, kind, _) in &o.staff {
                p.validate()
                    .unwrap_or_else(|e| panic!("{}: {e:?}", p.last_name));
                assert!(crate::domain::directory::PositionType::parse(kind).is_some());
            }
        }
        assert_eq!(federations.len(), 6);
        assert!(orgs.iter().any(|o| o.parent.is_some()));
        for t in TRAINERS {
            assert!(
                orgs.iter().any(|o| o.org.name == t.3
                    && o.staff
                        .iter()
                        .any(|(p, _, title)| p.last_name == t.0 && title == t.2)),
                "{} is not in the sample directory",
                t.0
            );
        }
    }
}
