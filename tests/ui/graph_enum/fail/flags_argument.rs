use graphpatch::prelude::*;

#[graph_enum(flag)]
pub enum KeyUsages {
    KeyEncipherment,
    DigitalSignature,
}

#[graph_enum(flags = true)]
pub enum Weeks {
    FirstWeek,
}

fn main() {}
