//! Names and speeches as the user types them, for every command: the rule
//! is [`ptkg::query::resolve_names`] and [`ptkg::query::resolve_doc`]
//! (exact on stored names and the rules' aliases, traditional and
//! full-width folded, `--like` for a part); this file only loads the
//! aliases of the rules in use, once, when a name needs them.

use std::cell::OnceCell;

use anyhow::Result;
use ptkg::query::{Aliases, NameKind};
use ptkg::store::DocRecord;
use ptkg::Store;

use super::Cli;

/// Resolves names against one store with the aliases of `--rules`.
pub struct Names<'a> {
    cli: &'a Cli,
    store: &'a Store,
    aliases: OnceCell<Aliases>,
}

impl<'a> Names<'a> {
    pub fn new(cli: &'a Cli, store: &'a Store) -> Names<'a> {
        Names {
            cli,
            store,
            aliases: OnceCell::new(),
        }
    }

    fn aliases(&self) -> Result<&Aliases> {
        if let Some(a) = self.aliases.get() {
            return Ok(a);
        }
        let pairs = ptkg::rules::name_aliases(self.cli.rules.as_deref())?
            .into_iter()
            .map(|(_, alias, canonical)| (alias, canonical));
        Ok(self.aliases.get_or_init(|| Aliases::new(pairs)))
    }

    /// The one stored name `name` stands for, exactly.
    pub fn one(&self, kind: NameKind, name: &str) -> Result<String> {
        let names = ptkg::query::resolve_names(self.store, kind, name, self.aliases()?, false)?;
        Ok(names.into_iter().next().unwrap_or_default())
    }

    /// A name filter as a query takes it: the stored name exactly, or with
    /// `like` the folded text (or the alias's name) that stored names
    /// contain, checked to match at least one.
    pub fn filter(&self, kind: NameKind, name: &str, like: bool) -> Result<String> {
        if !like {
            return self.one(kind, name);
        }
        ptkg::query::resolve_names(self.store, kind, name, self.aliases()?, true)?;
        let folded = ptkg::query::fold(name);
        Ok(self.aliases()?.get(&folded).map_or(folded, str::to_string))
    }

    /// A jurisdiction as figures carry it.
    pub fn jurisdiction(&self, name: &str) -> Result<String> {
        Ok(ptkg::query::resolve_jurisdiction(
            self.store,
            name,
            self.aliases()?,
        )?)
    }

    /// The speech `--doc` (or `show`, `remove`) names, if given.
    pub fn doc(&self, query: Option<&str>) -> Result<Option<DocRecord>> {
        query
            .map(|q| ptkg::query::resolve_doc(self.store, q))
            .transpose()
            .map_err(Into::into)
    }
}
