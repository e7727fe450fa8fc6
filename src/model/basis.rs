//! Why an edge between two named nodes holds: the evidence a link rests on.

use serde::{Deserialize, Serialize};

/// What a link rests on. `serves` edges carry their weight by basis; the
/// outline (`structure`) is the strongest evidence, a shared sentence
/// (`cooccurrence`) the weakest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Basis {
    /// The outline says so: a measure under a goal's heading, a member in
    /// its slogan's list.
    #[serde(rename = "structure")]
    Structure,
    /// A cue phrase ties them (为…提供保障, 服务…).
    #[serde(rename = "phrase")]
    Phrase,
    /// They share a sentence, and nothing better was found.
    #[serde(rename = "cooccurrence")]
    Cooccurrence,
    /// A member of a slogan, as `query serves` shows `member_of` edges.
    #[serde(rename = "member")]
    Member,
    /// The speech says two goals are one (同四条新路的“X”).
    #[serde(rename = "cross-reference")]
    CrossReference,
    /// An entity named inside a measure's text.
    #[serde(rename = "inside")]
    Inside,
    /// A place named inside a project's name.
    #[serde(rename = "name")]
    Name,
    /// A section in its speech or its parent section: the outline's own
    /// `contains` edges.
    #[serde(rename = "outline")]
    Outline,
}

impl Basis {
    pub const ALL: &'static [Basis] = &[
        Basis::Structure,
        Basis::Phrase,
        Basis::Cooccurrence,
        Basis::Member,
        Basis::CrossReference,
        Basis::Inside,
        Basis::Name,
        Basis::Outline,
    ];

    /// How many ranks [`Basis::rank`] hands out.
    pub const RANKS: usize = 5;

    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Structure => "structure",
            Basis::Phrase => "phrase",
            Basis::Cooccurrence => "cooccurrence",
            Basis::Member => "member",
            Basis::CrossReference => "cross-reference",
            Basis::Inside => "inside",
            Basis::Name => "name",
            Basis::Outline => "outline",
        }
    }

    pub fn parse(s: &str) -> Option<Basis> {
        Basis::ALL.iter().copied().find(|b| b.as_str() == s)
    }

    /// Weight of a serves edge on this basis, in one speech.
    pub fn weight(self) -> f64 {
        match self {
            Basis::Structure => 1.0,
            Basis::Phrase => 0.7,
            Basis::Cooccurrence => 0.3,
            _ => 0.5,
        }
    }

    /// Rank in listings and in the store's counter keys (lower first):
    /// member, structure, phrase, cooccurrence, then the rest
    /// ([`Basis::RANKS`] in all).
    pub fn rank(self) -> u8 {
        match self {
            Basis::Member => 0,
            Basis::Structure => 1,
            Basis::Phrase => 2,
            Basis::Cooccurrence => 3,
            _ => 4,
        }
    }
}

impl std::fmt::Display for Basis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for b in Basis::ALL {
            assert_eq!(Basis::parse(b.as_str()), Some(*b));
            let json = serde_json::to_string(b).unwrap();
            assert_eq!(json, format!("\"{}\"", b.as_str()));
        }
        assert_eq!(Basis::parse("Structure"), None);
    }

    #[test]
    fn outline_outweighs_a_shared_sentence() {
        assert!(Basis::Structure.weight() > Basis::Phrase.weight());
        assert!(Basis::Phrase.weight() > Basis::Cooccurrence.weight());
        assert!(Basis::Member.rank() < Basis::Cooccurrence.rank());
    }
}
