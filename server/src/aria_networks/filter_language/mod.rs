//! The search filter: parsed with pest (`filter.pest`) into an expression, and printed back in a
//! canonical form that parses to the same expression.

use std::fmt;

use pest::iterators::Pair;
use pest::Parser;

mod like;

pub use like::like_pattern;

#[derive(pest_derive::Parser)]
#[grammar = "aria_networks/filter_language/filter.pest"]
struct FilterParser;

/// A literal: a quoted string, a number, or a bare word (an enum value: `TAG_INTERNET_TRAFFIC`).
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Text(String),
    Number(f64),
    Word(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Or(Vec<Expr>),
    And(Vec<Expr>),
    Not(Box<Expr>),
    Compare {
        path: String,
        op: Op,
        value: Literal,
    },
    In {
        path: String,
        values: Vec<Literal>,
        negated: bool,
    },
    Like {
        path: String,
        pattern: String,
        negated: bool,
    },
}

/// Why a filter does not parse: what is there, where (a character offset from 0), and what the
/// language expects instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    pub position: usize,
    pub found: String,
    pub message: String,
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Unsupported filter construct {:?} at position {}: {}",
            self.found, self.position, self.message
        )
    }
}

pub fn parse(text: &str) -> Result<Expr, FilterError> {
    let mut pairs = FilterParser::parse(Rule::filter, text).map_err(|e| error(text, e))?;
    let filter = pairs.next().expect("a filter");
    let or = filter.into_inner().next().expect("an expression");
    Ok(expr(or))
}

fn error(text: &str, e: pest::error::Error<Rule>) -> FilterError {
    let at = match e.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let rest = &text[at.min(text.len())..];
    let found: String = if rest.is_empty() {
        "end of filter".into()
    } else {
        rest.split_whitespace()
            .next()
            .unwrap_or(rest)
            .chars()
            .take(40)
            .collect()
    };
    let expected = match &e.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } if !positives.is_empty() => {
            let names: Vec<String> = positives.iter().map(|r| describe(*r)).collect();
            format!("expected {}", names.join(" or "))
        }
        _ => "not part of the supported filter language".into(),
    };
    FilterError {
        position: text[..at.min(text.len())].chars().count(),
        found,
        message: expected,
    }
}

fn describe(rule: Rule) -> String {
    match rule {
        Rule::op => "a comparison (=, !=, <, <=, >, >=)".into(),
        Rule::value => "a value ('text', a number or a word)".into(),
        Rule::path => "a property (name, vcenter_manager.name, ...)".into(),
        Rule::and_kw | Rule::or_kw => "and/or".into(),
        Rule::in_kw => "in".into(),
        Rule::like_kw => "like".into(),
        Rule::not_kw => "not".into(),
        Rule::EOI => "the end of the filter".into(),
        other => format!("{other:?}"),
    }
}

fn expr(pair: Pair<Rule>) -> Expr {
    match pair.as_rule() {
        Rule::or_expr | Rule::and_expr => {
            let is_or = pair.as_rule() == Rule::or_expr;
            let mut parts: Vec<Expr> = pair
                .into_inner()
                .filter(|p| !matches!(p.as_rule(), Rule::and_kw | Rule::or_kw))
                .map(expr)
                .collect();
            if parts.len() == 1 {
                parts.pop().expect("one part")
            } else if is_or {
                Expr::Or(parts)
            } else {
                Expr::And(parts)
            }
        }
        Rule::unary | Rule::primary => expr(pair.into_inner().next().expect("an operand")),
        Rule::negation => {
            let inner = pair.into_inner().find(|p| p.as_rule() != Rule::not_kw);
            Expr::Not(Box::new(expr(inner.expect("an operand"))))
        }
        Rule::comparison => comparison(pair),
        other => unreachable!("the grammar has no expression {other:?}"),
    }
}

fn comparison(pair: Pair<Rule>) -> Expr {
    let mut inner = pair.into_inner();
    let path = inner.next().expect("a path").as_str().to_string();
    let test = inner.next().expect("a test");
    let rule = test.as_rule();
    let mut parts = test
        .into_inner()
        .filter(|p| !matches!(p.as_rule(), Rule::not_kw | Rule::in_kw | Rule::like_kw));
    match rule {
        Rule::compare => {
            let op = match parts.next().expect("an operator").as_str() {
                "=" => Op::Eq,
                "!=" => Op::Ne,
                "<" => Op::Lt,
                "<=" => Op::Le,
                ">" => Op::Gt,
                _ => Op::Ge,
            };
            Expr::Compare {
                path,
                op,
                value: literal(parts.next().expect("a value")),
            }
        }
        Rule::in_list | Rule::not_in => Expr::In {
            path,
            values: parts
                .next()
                .expect("a list")
                .into_inner()
                .map(literal)
                .collect(),
            negated: rule == Rule::not_in,
        },
        _ => Expr::Like {
            path,
            pattern: text(parts.next().expect("a pattern")),
            negated: rule == Rule::not_like,
        },
    }
}

fn literal(pair: Pair<Rule>) -> Literal {
    let inner = pair.into_inner().next().expect("a literal");
    match inner.as_rule() {
        Rule::string => Literal::Text(text(inner)),
        Rule::number => Literal::Number(inner.as_str().parse().expect("the grammar's number")),
        _ => Literal::Word(inner.as_str().to_string()),
    }
}

/// A quoted string's content, with doubled quotes undone.
fn text(string: Pair<Rule>) -> String {
    let quote = if string.as_str().starts_with('\'') {
        "'"
    } else {
        "\""
    };
    let body = string.into_inner().next().map(|p| p.as_str()).unwrap_or("");
    body.replace(&format!("{quote}{quote}"), quote)
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Text(t) => write!(f, "'{}'", t.replace('\'', "''")),
            Literal::Number(n) => write!(f, "{n}"),
            Literal::Word(w) => f.write_str(w),
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        })
    }
}

/// The canonical form: every operand of `and`, `or` and `not` in parentheses.
impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let joined = |f: &mut fmt::Formatter<'_>, parts: &[Expr], word: &str| {
            for (i, p) in parts.iter().enumerate() {
                if i > 0 {
                    write!(f, " {word} ")?;
                }
                write!(f, "({p})")?;
            }
            Ok(())
        };
        match self {
            Expr::Or(parts) => joined(f, parts, "or"),
            Expr::And(parts) => joined(f, parts, "and"),
            Expr::Not(e) => write!(f, "not ({e})"),
            Expr::Compare { path, op, value } => write!(f, "{path} {op} {value}"),
            Expr::In {
                path,
                values,
                negated,
            } => {
                let list: Vec<String> = values.iter().map(ToString::to_string).collect();
                let not = if *negated { "not " } else { "" };
                write!(f, "{path} {not}in ({})", list.join(", "))
            }
            Expr::Like {
                path,
                pattern,
                negated,
            } => {
                let not = if *negated { "not " } else { "" };
                write!(f, "{path} {not}like {}", Literal::Text(pattern.clone()))
            }
        }
    }
}

#[cfg(test)]
mod tests;
