//! The professional development plan as typed (Strategic Track), so a
//! librarian can produce their plan document from the app.

use super::pdf_writer::{Layout, Weight, ACCENT, INK, MUTED};
use crate::domain::plan::Plan;

pub fn render(plan: &Plan) -> Result<Vec<u8>, String> {
    let title = format!("Professional development plan, version {}", plan.version);
    let mut page = Layout::new(title.clone())?;
    page.paragraph(&title, 18.0, Weight::Bold, ACCENT);
    page.paragraph(
        &format!(
            "Strategic Track to MSL Certification · status: {}",
            plan.status_label
        ),
        10.0,
        Weight::Regular,
        MUTED,
    );
    if let Some(day) = &plan.submitted_on {
        page.paragraph(&format!("Submitted {day}"), 10.0, Weight::Regular, MUTED);
    }
    for (i, goal) in plan.goals.iter().enumerate() {
        page.heading(&format!("Goal {}: {}", i + 1, goal.objective));
        page.paragraph(
            &format!(
                "Serves the library's strategic goal: {}",
                goal.strategic_goal_text
            ),
            10.0,
            Weight::Regular,
            INK,
        );
        if !goal.activities.is_empty() {
            page.gap(4.0);
            page.paragraph("Planned activities", 10.0, Weight::Bold, INK);
            page.paragraph(&goal.activities, 10.0, Weight::Regular, INK);
        }
        if !goal.evidence.is_empty() {
            page.gap(4.0);
            page.paragraph("How success will be shown", 10.0, Weight::Bold, INK);
            page.paragraph(&goal.evidence, 10.0, Weight::Regular, INK);
        }
    }
    page.finish(&title, "Aspen Desk")
}
