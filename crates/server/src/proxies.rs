//! Which proxies' `X-Forwarded-For` to believe, and the client address it
//! gives.
//!
//! Behind a load balancer every request arrives from the balancer's
//! address, so a limit per TCP peer counts every shopper as one. With the
//! balancers' networks listed (`ETALASE_TRUSTED_PROXIES`), a request whose
//! peer is in one of them is counted against the client the header names:
//! walking the header from the right (each proxy appends the address it
//! received from), the first hop not in a trusted network. Hops to the left
//! of it were written by the client or its own proxies and can be forged;
//! that one was written by a proxy we trust. A peer outside the list, or no
//! list at all, is the client whatever the header says.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

use axum::extract::ConnectInfo;
use axum::http::request::Parts;

/// A network: an address and how many leading bits of it are the network's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl Cidr {
    /// Whether `ip` is in this network (an IPv4-mapped IPv6 address as its
    /// IPv4 address).
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.network, ip.to_canonical()) {
            (IpAddr::V4(network), IpAddr::V4(ip)) => same_prefix(
                u128::from(u32::from(network)) << 96,
                u128::from(u32::from(ip)) << 96,
                self.prefix,
            ),
            (IpAddr::V6(network), IpAddr::V6(ip)) => {
                same_prefix(u128::from(network), u128::from(ip), self.prefix)
            }
            _ => false,
        }
    }
}

/// Whether `a` and `b` agree on their first `bits` bits.
fn same_prefix(a: u128, b: u128, bits: u8) -> bool {
    let mask = u128::MAX.checked_shl(128 - u32::from(bits)).unwrap_or(0);
    a & mask == b & mask
}

impl FromStr for Cidr {
    type Err = String;

    /// `10.0.0.0/8`, `2001:db8::/32`, or an address alone (all its bits).
    fn from_str(text: &str) -> Result<Self, String> {
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let network: IpAddr = address
            .parse()
            .map_err(|_| format!("{text:?} is not an IP address or network"))?;
        let network = network.to_canonical();
        let bits = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => bits,
            Some(prefix) => prefix
                .parse::<u8>()
                .ok()
                .filter(|prefix| *prefix <= bits)
                .ok_or_else(|| format!("{text:?}: the prefix length must be 0 to {bits}"))?,
        };
        Ok(Cidr { network, prefix })
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network, self.prefix)
    }
}

/// The networks whose `X-Forwarded-For` is believed; none by default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<Cidr>);

impl TrustedProxies {
    /// The networks of a comma-separated list; empty for an empty list.
    pub fn parse(list: &str) -> Result<Self, String> {
        list.split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(Cidr::from_str)
            .collect::<Result<_, _>>()
            .map(TrustedProxies)
    }

    /// Whether `ip` is a trusted proxy's.
    pub fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|cidr| cidr.contains(ip))
    }

    /// The client of a request from `peer` carrying the `X-Forwarded-For`
    /// values `forwarded` (every such header, in order): the right-most
    /// hop not in a trusted network, or `peer` itself when `peer` is not
    /// trusted. A hop that is not an address ends the walk at the last
    /// trusted one.
    pub fn client<'a>(&self, peer: IpAddr, forwarded: impl Iterator<Item = &'a str>) -> IpAddr {
        let mut client = peer.to_canonical();
        if !self.trusts(client) {
            return client;
        }
        let hops: Vec<&str> = forwarded.flat_map(|value| value.split(',')).collect();
        for hop in hops.into_iter().rev() {
            match parse_hop(hop) {
                Some(ip) => client = ip,
                None => break,
            }
            if !self.trusts(client) {
                break;
            }
        }
        client
    }
}

/// One hop of `X-Forwarded-For`: an address, IPv6 perhaps in brackets.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    let hop = hop
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .unwrap_or(hop);
    hop.parse::<IpAddr>().ok().map(|ip| ip.to_canonical())
}

/// The client's address of a request, as the per-address limit found it
/// (`layers.rs`): the TCP peer's, or behind a trusted proxy the one its
/// `X-Forwarded-For` gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

/// The rate limit's key of the client of the request `parts`: its
/// [`ClientAddr`], else its TCP peer; `None` for a request driven
/// in-process.
pub fn client_of(parts: &Parts) -> Option<String> {
    match parts.extensions.get::<ClientAddr>() {
        Some(ClientAddr(ip)) => Some(client_key(*ip)),
        None => parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| client_key(addr.ip())),
    }
}

/// The rate limit's key for a client address: an IPv4 address whole (or
/// mapped in IPv6), an IPv6 address by its first 64 bits.
pub fn client_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => match ip.to_ipv4_mapped() {
            Some(ip) => ip.to_string(),
            None => {
                let [a, b, c, d, ..] = ip.segments();
                format!("{a:x}:{b:x}:{c:x}:{d:x}::/64")
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn networks_contain_their_addresses_only() {
        let ten: Cidr = "10.0.0.0/8".parse().unwrap();
        assert!(ten.contains(ip("10.1.2.3")));
        assert!(ten.contains(ip("::ffff:10.1.2.3")));
        assert!(!ten.contains(ip("11.0.0.1")));
        assert!(!ten.contains(ip("::1")));
        let six: Cidr = "2001:db8::/32".parse().unwrap();
        assert!(six.contains(ip("2001:db8:1::5")));
        assert!(!six.contains(ip("2001:db9::5")));
        let one: Cidr = "192.0.2.7".parse().unwrap();
        assert_eq!(one.to_string(), "192.0.2.7/32");
        assert!(one.contains(ip("192.0.2.7")) && !one.contains(ip("192.0.2.8")));
        let all: Cidr = "0.0.0.0/0".parse().unwrap();
        assert!(all.contains(ip("203.0.113.9")));
    }

    #[test]
    fn a_bad_entry_is_refused_with_its_text() {
        assert_eq!(TrustedProxies::parse(""), Ok(TrustedProxies::default()));
        for bad in ["10.0.0.0/33", "::/129", "ten", "10.0.0.0/x"] {
            let error = TrustedProxies::parse(&format!("127.0.0.1, {bad}")).unwrap_err();
            assert!(error.contains(bad), "{error}");
        }
    }

    #[test]
    fn the_client_is_the_right_most_untrusted_hop_behind_a_trusted_peer() {
        let proxies = TrustedProxies::parse("10.0.0.0/8, 127.0.0.1").unwrap();
        let client = |peer: &str, header: &[&str]| proxies.client(ip(peer), header.iter().copied());
        // Behind the balancer: the address it saw.
        assert_eq!(client("10.0.0.5", &["203.0.113.9"]), ip("203.0.113.9"));
        // A forged hop on the left is not believed.
        assert_eq!(
            client("10.0.0.5", &["1.1.1.1, 203.0.113.9"]),
            ip("203.0.113.9")
        );
        // Through two trusted proxies, over two headers.
        assert_eq!(
            client("127.0.0.1", &["198.51.100.4", "10.0.0.7"]),
            ip("198.51.100.4")
        );
        assert_eq!(client("10.0.0.5", &["[2001:db8::1]"]), ip("2001:db8::1"));
        // An untrusted peer is the client whatever it says.
        assert_eq!(client("203.0.113.50", &["1.1.1.1"]), ip("203.0.113.50"));
        // A trusted peer with no header, or a garbled one, is itself.
        assert_eq!(client("10.0.0.5", &[]), ip("10.0.0.5"));
        assert_eq!(client("10.0.0.5", &["garbage"]), ip("10.0.0.5"));
    }

    #[test]
    fn clients_are_keyed_by_ipv4_address_or_ipv6_prefix() {
        let key = |ip: &str| client_key(ip.parse().unwrap());
        assert_eq!(key("203.0.113.7"), "203.0.113.7");
        assert_eq!(key("::ffff:203.0.113.7"), "203.0.113.7");
        assert_eq!(key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(key("2001:db8:1:2:bbbb::9"), key("2001:db8:1:2::1"));
        assert_ne!(key("2001:db8:1:3::1"), key("2001:db8:1:2::1"));
    }
}
