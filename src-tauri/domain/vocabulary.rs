//! Every closed list ASPeN uses, in one place: each choice has a stable code
//! (stored, sent in JSON) and a label (shown). The modules that own the
//! rules re-export their lists (`event::EventType`, `ledger::CreditKind`, ...),
//! and add the rules (e.g. the workflow steps) beside the rest of their logic.

/// A closed list of choices with a stable code (stored, sent in JSON) and a
/// label (shown). Parsing accepts either, in any case, so hand-written JSON and
/// labels copied from ASPeN both work.
macro_rules! choice_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize, ts_rs::TS)]
        pub enum $name { $( #[serde(rename = $code)] $variant ),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                let wanted = text.trim();
                Self::ALL.iter().copied().find(|v| {
                    v.code().eq_ignore_ascii_case(wanted) || v.label().eq_ignore_ascii_case(wanted)
                })
            }

            pub fn options() -> Vec<$crate::domain::Choice> {
                Self::ALL.iter().map(|v| $crate::domain::Choice {
                    code: v.code().to_string(),
                    label: v.label().to_string(),
                }).collect()
            }
        }

        impl $crate::domain::field::ChoiceList for $name {
            const ALL: &'static [Self] = $name::ALL;
            fn code(self) -> &'static str { $name::code(self) }
            fn label(self) -> &'static str { $name::label(self) }
            fn parse(text: &str) -> Option<Self> { $name::parse(text) }
        }
    };
}

// CE credit categories (`domain::credits`).
choice_enum! {
    /// The four MSL CE categories.
    Category {
        LA => ("LA", "Library Administration"),
        LSP => ("LSP", "Library Services to the Public"),
        CMTS => ("CMTS", "Collection Management and Technical Services"),
        TECH => ("TECH", "Technology"),
    }
}

// Events (`domain::event`).
choice_enum! {
    EventType {
        ContinuingEducation => ("continuing_education", "Continuing Education"),
        Conference => ("conference", "Conference"),
        Webinar => ("webinar", "Webinar"),
        Meeting => ("meeting", "Meeting"),
        Deadline => ("deadline", "Deadline"),
    }
}

choice_enum! {
    EventStatus {
        Open => ("open", "Open"),
        Closed => ("closed", "Closed"),
        Inactive => ("inactive", "Inactive"),
        Canceled => ("canceled", "Canceled"),
    }
}

choice_enum! {
    Delivery {
        Online => ("online", "Online Only"),
        InPerson => ("in_person", "In Person"),
        Hybrid => ("hybrid", "Hybrid"),
    }
}

// Event resources (`domain::event::resource`).
choice_enum! {
    ResourceType {
        Agenda => ("agenda", "Agenda"),
        Handout => ("handout", "Handout"),
        Slides => ("slides", "Slides"),
        Recording => ("recording", "Recording"),
        Minutes => ("minutes", "Minutes"),
        Other => ("other", "Other"),
    }
}

// The directory (`domain::directory`).
choice_enum! {
    OrgType {
        PublicLibrary => ("public_library", "Public Library"),
        Branch => ("branch", "Branch"),
        Academic => ("academic", "Academic Library"),
        School => ("school", "School Library"),
        Special => ("special", "Special Library"),
        Tribal => ("tribal", "Tribal Library"),
        StateAgency => ("state_agency", "State Agency"),
    }
}

choice_enum! {
    /// Montana's six library federations (also seeded as rows).
    Federation {
        BroadValleys => ("broad_valleys", "Broad Valleys"),
        GoldenPlains => ("golden_plains", "Golden Plains"),
        Pathfinder => ("pathfinder", "Pathfinder"),
        Sagebrush => ("sagebrush", "Sagebrush"),
        SouthCentral => ("south_central", "South Central"),
        Tamarack => ("tamarack", "Tamarack"),
    }
}

choice_enum! {
    PositionType {
        Director => ("director", "Director"),
        Staff => ("staff", "Staff"),
        Trustee => ("trustee", "Trustee"),
        BoardChair => ("board_chair", "Board Chair"),
        MslStaff => ("msl_staff", "MSL Staff"),
        Other => ("other", "Other"),
    }
}

// The credit ledger (`domain::ledger`).
choice_enum! {
    CreditKind {
        Event => ("event", "Catalog event"),
        Independent => ("independent", "Independent learning"),
        ConferenceSession => ("conference_session", "Conference session"),
        CollegeSemester => ("college_semester", "College course (semester credits)"),
        CollegeQuarter => ("college_quarter", "College course (quarter credits)"),
        Presenter => ("presenter", "Presenting"),
        SelfDirected => ("self_directed", "Self-directed activity"),
    }
}

choice_enum! {
    VerificationStatus {
        Pending => ("pending", "Pending"),
        Verified => ("verified", "Verified"),
        Denied => ("denied", "Denied"),
    }
}

// Certification (`domain::certification`).
choice_enum! {
    EnrollmentStatus {
        InProgress => ("in_progress", "In progress"),
        Submitted => ("submitted", "Submitted"),
        CoordinatorReview => ("coordinator_review", "Coordinator review"),
        SupervisorVerified => ("supervisor_verified", "Supervisor verified"),
        Issued => ("issued", "Issued"),
        Expired => ("expired", "Expired"),
    }
}

// Strategic Track plans (`domain::plan`).
choice_enum! {
    PlanStatus {
        Draft => ("draft", "Draft"),
        Submitted => ("submitted", "Submitted"),
        Accepted => ("accepted", "Accepted"),
        RevisionRequested => ("revision_requested", "Revision requested"),
    }
}

/// Builds `PickLists` from a list of (field, vocabulary): the struct and the
/// function that fills it come from the same lines, so they cannot drift.
macro_rules! pick_lists {
    ($($list:ident: $vocabulary:ident,)+) => {
        /// Every pick list the forms and filters offer (codes and labels),
        /// asked for once when the window opens.
        #[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
        pub struct PickLists {
            $(pub $list: Vec<$crate::domain::Choice>,)+
        }

        impl PickLists {
            pub fn all() -> Self {
                PickLists { $($list: $vocabulary::options(),)+ }
            }
        }
    };
}

// A new list is one line here; the UI's `PickLists` type follows.
pick_lists! {
    event_types: EventType,
    event_statuses: EventStatus,
    deliveries: Delivery,
    categories: Category,
    resource_types: ResourceType,
    org_types: OrgType,
    federations: Federation,
    position_types: PositionType,
    credit_kinds: CreditKind,
    verification_statuses: VerificationStatus,
    enrollment_statuses: EnrollmentStatus,
    plan_statuses: PlanStatus,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::field::ChoiceList;

    /// The codes of a vocabulary, in order, as JSON strings.
    fn codes_of<T: ChoiceList>() -> Vec<String> {
        T::ALL.iter().map(|v| format!("{:?}", v.code())).collect()
    }

    #[test]
    fn each_status_list_offers_its_own_statuses_in_order() {
        let lists = serde_json::to_value(PickLists::all()).expect("json");
        let codes_in = |list: &str| -> Vec<String> {
            let choices = lists[list].as_array().expect(list);
            choices.iter().map(|c| c["code"].to_string()).collect()
        };
        let statuses = [
            ("event_statuses", codes_of::<EventStatus>()),
            ("verification_statuses", codes_of::<VerificationStatus>()),
            ("enrollment_statuses", codes_of::<EnrollmentStatus>()),
            ("plan_statuses", codes_of::<PlanStatus>()),
        ];
        for (list, codes) in statuses {
            assert_eq!(codes_in(list), codes, "{list}");
        }
        assert_eq!(lists.as_object().expect("object").len(), 12);
    }
}
