use super::*;

fn parse(text: &str) -> Query {
    Query::parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"))
}

#[test]
fn each_clause_is_read() {
    let q = parse("sum(flow.totalBytes.delta.summation.bytes) of Flows where flow_tag = TAG_INTERNET_TRAFFIC and name like 'a group by%' group by source_vm.name, port order by sum(flow.totalBytes.delta.summation.bytes) DESC limit 5");
    assert_eq!(
        q,
        Query {
            projection: Some(Projection::Function(
                types::AggregationType::Sum,
                "flow.totalBytes.delta.summation.bytes".into()
            )),
            kind: Kind::Flow,
            condition: Some("flow_tag = TAG_INTERNET_TRAFFIC and name like 'a group by%'".into()),
            group_by: vec!["source_vm.name".into(), "port".into()],
            order: Some((
                OrderKey::Function(
                    types::AggregationType::Sum,
                    "flow.totalBytes.delta.summation.bytes".into()
                ),
                true
            )),
            limit: Some(5),
        }
    );
}

#[test]
fn entity_names_are_singular_or_plural_in_any_case() {
    for (text, kind) in [
        ("vms", Kind::Vm),
        ("VM", Kind::Vm),
        ("Virtual Machines", Kind::Vm),
        ("security groups", Kind::SecurityGroup),
        ("vcenter managers", Kind::Vcenter),
        ("l2 networks", Kind::Network),
    ] {
        assert_eq!(parse(text).kind, kind, "{text}");
    }
    let q = parse("count of hosts where name = 'esx-01' order by name asc");
    assert_eq!(q.projection, Some(Projection::Count));
    assert_eq!(q.order, Some((OrderKey::Property("name".into()), false)));
}

#[test]
fn what_is_not_in_the_subset_is_named_with_its_position() {
    for (text, named) in [
        ("vms where", "\"end of query\" at position 9"),
        ("vms limit x", "\"x\" at position 10"),
        ("median(port) of flows", "\"(port)\" at position 6"),
        ("toasters", "\"toasters\""),
        ("vms order by name sideways", "\"sideways\" at position 18"),
    ] {
        let AriaError::InvalidInput(message) = Query::parse(text).unwrap_err() else {
            panic!("{text}: not a 400");
        };
        assert!(message.contains(named), "{text}: {message}");
    }
}
