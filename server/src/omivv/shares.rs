//! Network-share locations as OMIVV takes them (repository catalogs, license files). The
//! sandbox reads no share; it only refuses a location that cannot name one.

/// Checks that `location` is a file on a share of `protocol` (`CIFS`, `NFS`, `HTTP`, `HTTPS`).
pub fn check_location(protocol: &str, location: &str) -> Result<(), String> {
    let ok = match protocol {
        // \\host\share\path\file
        "CIFS" => location.strip_prefix("\\\\").is_some_and(|rest| {
            let parts: Vec<&str> = rest.split('\\').collect();
            parts.len() >= 3 && parts.iter().all(|p| !p.trim().is_empty())
        }),
        // host:/export/path/file
        "NFS" => location.split_once(":/").is_some_and(|(host, path)| {
            !host.is_empty() && !host.contains('/') && !path.is_empty()
        }),
        "HTTP" | "HTTPS" => {
            let scheme = format!("{}://", protocol.to_ascii_lowercase());
            location
                .get(..scheme.len())
                .filter(|s| s.eq_ignore_ascii_case(&scheme))
                .and_then(|_| location[scheme.len()..].split_once('/'))
                .is_some_and(|(host, file)| !host.is_empty() && !file.is_empty())
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{location:?} is not a file on a {protocol} share ({})",
            match protocol {
                "CIFS" => "\\\\host\\share\\file",
                "NFS" => "host:/export/file",
                "HTTP" => "http://host/path/file",
                _ => "https://host/path/file",
            }
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::check_location;

    #[test]
    fn locations_must_suit_their_protocol() {
        for (protocol, good) in [
            ("CIFS", r"\\xx.xx.xx.xx\Sharelocation\CatalogfileName.xml"),
            ("CIFS", r"\\10.0.0.5\share\dir\catalog.xml"),
            ("NFS", "10.0.0.5:/exports/catalog.xml"),
            ("HTTP", "http://repo.example.com/catalog.xml"),
            ("HTTPS", "HTTPS://downloads.dell.com/catalog/Catalog.xml.gz"),
        ] {
            assert_eq!(check_location(protocol, good), Ok(()), "{protocol} {good}");
        }
        for (protocol, bad) in [
            ("CIFS", r"\\host\share"),
            ("CIFS", "//host/share/file.xml"),
            ("CIFS", r"\\host\\file.xml"),
            ("NFS", "/exports/catalog.xml"),
            ("NFS", "host:"),
            ("HTTP", "https://repo.example.com/catalog.xml"),
            ("HTTPS", "https://repo.example.com"),
            ("FTP", "ftp://host/file"),
        ] {
            assert!(check_location(protocol, bad).is_err(), "{protocol} {bad}");
        }
    }
}
