//! A filter compiled against one entity type: every property resolved to its getter once, every
//! literal prepared (lower-cased, `like` patterns as regexes), so that testing an entity is calls
//! and comparisons only.

use regex::Regex;

use crate::aria_networks::errors::AriaError;
use crate::aria_networks::filter_language::{like_pattern, Expr, Literal, Op};
use crate::aria_networks::inventory::fields::{
    field, fields, keyed_property, Field, Getter, Keyed, Val,
};
use crate::aria_networks::inventory::{Inventory, Kind};

enum Lit {
    /// Lower-cased, and whether it is all ASCII (decided once, when compiled).
    Text(String, bool),
    Num(f64),
}

enum Test {
    Compare(Op, Lit),
    In(Vec<Lit>),
    Like(Regex),
}

enum Node {
    Or(Vec<Node>),
    And(Vec<Node>),
    Not(Box<Node>),
    /// `flow_tag = X`, `flow_tag in (...)`: any of `mask`'s bits set (none, when negated).
    Bits {
        get: fn(&Inventory, usize) -> u16,
        mask: u16,
        negated: bool,
    },
    Test {
        get: Getter,
        test: Test,
        /// `not in` and `not like`: true when no value passes.
        negated: bool,
    },
    /// A test of a keyed property (`source_datacenter.name = X`), decided once per key: the
    /// entity's key's answer, or `none`'s for an entity without a value.
    Keyed {
        key: fn(&Inventory, usize) -> Option<usize>,
        answers: Vec<bool>,
        none: bool,
    },
}

pub struct Compiled {
    root: Node,
    /// A security group's name the filter requires of a VM (`security_groups.name = X`, alone
    /// or in a top-level `and`): only that group's members can match.
    group: Option<Lit>,
}

fn lit(l: &Literal) -> Lit {
    match l {
        Literal::Text(t) | Literal::Word(t) => Lit::Text(t.to_lowercase(), t.is_ascii()),
        Literal::Number(n) => Lit::Num(*n),
    }
}

/// The property `path` of `kind`, or a 400 naming it, where it is in `text`, and what exists.
pub fn property(
    kind: Kind,
    path: &str,
    text: &str,
) -> Result<&'static crate::aria_networks::inventory::fields::Field, AriaError> {
    field(kind, path).ok_or_else(|| {
        let at = text.find(path).map(|b| text[..b].chars().count()).unwrap_or(0);
        let known: Vec<&str> = fields(kind).iter().map(|f| f.name).collect();
        AriaError::InvalidInput(format!(
            "Unsupported filter construct {path:?} at position {at}: {} has no such property (it has {})",
            kind.entity_type(),
            known.join(", ")
        ))
    })
}

impl Compiled {
    pub fn new(
        kind: Kind,
        expr: &Expr,
        text: &str,
        inv: &Inventory,
    ) -> Result<Compiled, AriaError> {
        let required = |e: &Expr| match e {
            Expr::Compare {
                path,
                op: Op::Eq,
                value,
            } if path.eq_ignore_ascii_case("security_groups.name") => Some(lit(value)),
            _ => None,
        };
        let group = match expr {
            _ if kind != Kind::Vm => None,
            Expr::And(parts) => parts.iter().find_map(required),
            e => required(e),
        };
        Ok(Compiled {
            root: node(kind, expr, text, inv)?,
            group,
        })
    }

    /// The entities that can match, in index order, when the filter narrows them through an
    /// index the inventory keeps (a security group's members); `None` when every entity can.
    /// The filter still decides each of them: this only spares reading the rest.
    pub fn candidates(&self, inv: &Inventory) -> Option<Vec<usize>> {
        let name = self.group.as_ref()?;
        let mut vms: Vec<usize> = (inv.workload.security_groups.iter().enumerate())
            .filter(|(_, g)| compare(&Val::Text(&g.name), Op::Eq, name))
            .flat_map(|(g, _)| inv.group_members[g].iter().copied())
            .collect();
        vms.sort_unstable();
        Some(vms)
    }

    pub fn matches<'a>(
        &self,
        inv: &'a Inventory,
        index: usize,
        scratch: &mut Vec<Val<'a>>,
    ) -> bool {
        eval(&self.root, inv, index, scratch)
    }
}

fn node(kind: Kind, expr: &Expr, text: &str, inv: &Inventory) -> Result<Node, AriaError> {
    let all = |parts: &[Expr]| -> Result<Vec<Node>, AriaError> {
        parts.iter().map(|p| node(kind, p, text, inv)).collect()
    };
    Ok(match expr {
        Expr::Or(parts) => Node::Or(all(parts)?),
        Expr::And(parts) => Node::And(all(parts)?),
        Expr::Not(e) => Node::Not(Box::new(node(kind, e, text, inv)?)),
        Expr::Compare { path, op, value } => {
            let f = property(kind, path, text)?;
            match (f.bits, op) {
                (Some((get, names)), Op::Eq | Op::Ne) => Node::Bits {
                    get,
                    mask: mask(names, std::slice::from_ref(value)),
                    negated: *op == Op::Ne,
                },
                _ => test_node(kind, f, Test::Compare(*op, lit(value)), false, inv),
            }
        }
        Expr::In {
            path,
            values,
            negated,
        } => {
            let f = property(kind, path, text)?;
            match f.bits {
                Some((get, names)) => Node::Bits {
                    get,
                    mask: mask(names, values),
                    negated: *negated,
                },
                None => test_node(
                    kind,
                    f,
                    Test::In(values.iter().map(lit).collect()),
                    *negated,
                    inv,
                ),
            }
        }
        Expr::Like {
            path,
            pattern,
            negated,
        } => test_node(
            kind,
            property(kind, path, text)?,
            Test::Like(like_pattern(pattern)),
            *negated,
            inv,
        ),
    })
}

/// `test` of the property `f`: decided once per key when the property is keyed.
fn test_node(kind: Kind, f: &Field, test: Test, negated: bool, inv: &Inventory) -> Node {
    match keyed_property(kind, f.name) {
        Some(Keyed { key, keys, text }) => Node::Keyed {
            key,
            answers: (0..keys(inv))
                .map(|k| passes(&test, &[Val::Text(text(inv, k))]) != negated)
                .collect(),
            none: passes(&test, &[]) != negated,
        },
        None => Node::Test {
            get: f.get,
            test,
            negated,
        },
    }
}

/// The bits of `names` that `values` name (case-insensitively); values naming no bit add none.
fn mask(names: &[&str], values: &[Literal]) -> u16 {
    values
        .iter()
        .filter_map(|v| match v {
            Literal::Text(t) | Literal::Word(t) => {
                names.iter().position(|n| n.eq_ignore_ascii_case(t))
            }
            Literal::Number(_) => None,
        })
        .fold(0, |m, i| m | 1 << i)
}

fn eval<'a>(node: &Node, inv: &'a Inventory, index: usize, scratch: &mut Vec<Val<'a>>) -> bool {
    match node {
        Node::Bits { get, mask, negated } => (get(inv, index) & mask != 0) != *negated,
        Node::Or(parts) => parts.iter().any(|p| eval(p, inv, index, scratch)),
        Node::And(parts) => parts.iter().all(|p| eval(p, inv, index, scratch)),
        Node::Not(p) => !eval(p, inv, index, scratch),
        Node::Test { get, test, negated } => {
            scratch.clear();
            get(inv, index, scratch);
            passes(test, scratch) != *negated
        }
        Node::Keyed { key, answers, none } => match key(inv, index) {
            Some(k) => answers[k],
            None => *none,
        },
    }
}

/// Whether `values` (a property's, of one entity) pass `test`: `!=` when no value equals,
/// everything else when some value passes.
fn passes(test: &Test, values: &[Val]) -> bool {
    match test {
        Test::Compare(Op::Ne, l) => !values.iter().any(|v| compare(v, Op::Eq, l)),
        Test::Compare(op, l) => values.iter().any(|v| compare(v, *op, l)),
        Test::In(list) => values
            .iter()
            .any(|v| list.iter().any(|l| compare(v, Op::Eq, l))),
        Test::Like(re) => values.iter().any(|v| match v {
            Val::Text(t) => re.is_match(t),
            Val::Num(n) => re.is_match(&n.to_string()),
        }),
    }
}

fn compare(value: &Val, op: Op, lit: &Lit) -> bool {
    use std::cmp::Ordering;
    // Equality of text is most of what filters ask. Against an ASCII literal, an ASCII-only
    // case-insensitive comparison is exact (it checks lengths first, so most mismatches cost
    // nothing); only a non-ASCII literal needs Unicode lower-casing of the value.
    if let (Op::Eq, Val::Text(a), Lit::Text(b, ascii)) = (op, value, lit) {
        return if *ascii {
            a.eq_ignore_ascii_case(b)
        } else {
            a.to_lowercase() == *b
        };
    }
    let ord = match (value, lit) {
        (Val::Num(a), Lit::Num(b)) => a.partial_cmp(b),
        (Val::Num(a), Lit::Text(b, _)) => b.parse::<f64>().ok().and_then(|b| a.partial_cmp(&b)),
        (Val::Text(a), Lit::Num(b)) => a.parse::<f64>().ok().and_then(|a| a.partial_cmp(b)),
        (Val::Text(a), Lit::Text(b, _)) => Some(cmp_ignore_case(a, b)),
    };
    let Some(ord) = ord else { return false };
    match op {
        Op::Eq => ord == Ordering::Equal,
        Op::Ne => ord != Ordering::Equal,
        Op::Lt => ord == Ordering::Less,
        Op::Le => ord != Ordering::Greater,
        Op::Gt => ord == Ordering::Greater,
        Op::Ge => ord != Ordering::Less,
    }
}

/// `a` against an already lower-cased `b`, without allocating for ASCII text.
fn cmp_ignore_case(a: &str, b: &str) -> std::cmp::Ordering {
    if a.is_ascii() {
        a.bytes().map(|c| c.to_ascii_lowercase()).cmp(b.bytes())
    } else {
        a.to_lowercase().as_str().cmp(b)
    }
}
