//! `involves` links: the projects, sectors and districts named inside a
//! measure's cover, and the figures (targets) stated there. Reads the
//! [`Context`]'s entities and targets and the measures; returns the links,
//! measure by measure, entities before figures.

use std::cell::OnceCell;
use std::sync::Arc;

use super::{link, Context, Measure};
use crate::model::{Basis, Entity, Link, NodeRef, Relation, RuleKind};

/// involves: entities and targets inside a measure's cover.
pub(super) fn involves(cx: &Context, measures: &[Measure]) -> Vec<Link> {
    let (entities, targets) = (cx.entities, cx.targets);
    let mut links = Vec::new();
    // Entities and targets come sorted by view position (checked): those
    // starting inside a cover are one slice, found by binary search.
    let entities_sorted = entities
        .windows(2)
        .all(|w| w[0].view_span.0 <= w[1].view_span.0);
    let targets_sorted = targets
        .windows(2)
        .all(|w| w[0].view_span.0 <= w[1].view_span.0);
    // A figure's node name, written once however many measures it is in.
    let figure_names: Vec<OnceCell<Arc<str>>> = vec![OnceCell::new(); targets.len()];
    for m in measures {
        let inside: &[Entity] = if entities_sorted {
            let lo = entities.partition_point(|e| e.view_span.0 < m.cover.0);
            let hi = entities.partition_point(|e| e.view_span.0 < m.cover.1);
            &entities[lo..hi.max(lo)]
        } else {
            entities
        };
        for e in inside.iter().filter(|e| {
            matches!(
                e.kind,
                RuleKind::Project | RuleKind::Sector | RuleKind::District
            )
        }) {
            let s = e.view_span.0;
            if m.cover.0 <= s && s < m.cover.1 {
                links.push(link(Relation::Involves, &m.entity, e, Basis::Inside, e));
            }
        }
        let inside = if targets_sorted {
            let lo = targets.partition_point(|t| t.view_span.0 < m.cover.0);
            let hi = targets.partition_point(|t| t.view_span.0 < m.cover.1);
            lo..hi.max(lo)
        } else {
            0..targets.len()
        };
        for (t, name) in targets[inside.clone()]
            .iter()
            .zip(&figure_names[inside])
            .filter(|(t, _)| m.cover.0 <= t.view_span.0 && t.view_span.0 < m.cover.1)
        {
            links.push(Link {
                relation: Relation::Involves,
                from: NodeRef {
                    kind: RuleKind::Measure,
                    name: m.entity.name.clone(),
                },
                to: NodeRef {
                    kind: RuleKind::Figure,
                    name: name
                        .get_or_init(|| {
                            format!("{}-{}", t.provenance.start, t.provenance.end).into()
                        })
                        .clone(),
                },
                basis: Basis::Inside,
                provenance: t.provenance.clone(),
            });
        }
    }
    links
}

#[cfg(test)]
mod tests {
    use super::super::{extract_speech, links_of};
    use super::*;

    #[test]
    fn a_project_and_a_figure_inside_a_measure_are_involved() {
        let ex = extract_speech(
            "在全区重点项目推进会上的讲话\n\n\
             一、抓项目促发展\n\n\
             (一)加快重点项目建设\n\n\
             全力推进临江区智慧物流产业园建设,年内完成投资5亿元。\n",
        );
        let involves = links_of(&ex, Relation::Involves);
        assert!(
            involves.iter().any(|(m, p, b)| m == "加快重点项目建设"
                && p.contains("智慧物流产业园")
                && b == "inside"),
            "{involves:?}"
        );
        let figure = ex
            .links
            .iter()
            .find(|l| l.relation == Relation::Involves && l.to.kind == RuleKind::Figure);
        assert!(figure.is_some(), "{involves:?}");
    }
}
