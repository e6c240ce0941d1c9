//! The kinds of sensitive value steward recognises, and which of the manifest's data
//! classes (`cardholder`, `health`, `pii`, `financial`, `credentials`) each belongs to.

use serde::{Serialize, Serializer};

/// One kind of sensitive value. Its `id` names the rule (`dlp/<id>`) and the rule file
/// (`rules/<id>.yml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    CardNumber,
    UsSsn,
    Iban,
    Email,
    Phone,
    IpAddress,
    SgNric,
    ArCuit,
    ArDni,
    EsDni,
    EsNie,
    ItCodiceFiscale,
    NlBsn,
    BeNationalNumber,
    PlPesel,
    SePersonnummer,
    FiHetu,
    DateOfBirth,
    MedicalRecordNumber,
    UsMbi,
    UkNhsNumber,
}

impl Class {
    pub const ALL: [Class; 21] = [
        Class::CardNumber,
        Class::UsSsn,
        Class::Iban,
        Class::Email,
        Class::Phone,
        Class::IpAddress,
        Class::SgNric,
        Class::ArCuit,
        Class::ArDni,
        Class::EsDni,
        Class::EsNie,
        Class::ItCodiceFiscale,
        Class::NlBsn,
        Class::BeNationalNumber,
        Class::PlPesel,
        Class::SePersonnummer,
        Class::FiHetu,
        Class::DateOfBirth,
        Class::MedicalRecordNumber,
        Class::UsMbi,
        Class::UkNhsNumber,
    ];

    /// The short id: `card-number`, `us-ssn`, ...; the rule id is `dlp/<id>`.
    pub fn id(self) -> &'static str {
        match self {
            Class::CardNumber => "card-number",
            Class::UsSsn => "us-ssn",
            Class::Iban => "iban",
            Class::Email => "email",
            Class::Phone => "phone",
            Class::IpAddress => "ip-address",
            Class::SgNric => "sg-nric",
            Class::ArCuit => "ar-cuit",
            Class::ArDni => "ar-dni",
            Class::EsDni => "es-dni",
            Class::EsNie => "es-nie",
            Class::ItCodiceFiscale => "it-codice-fiscale",
            Class::NlBsn => "nl-bsn",
            Class::BeNationalNumber => "be-national-number",
            Class::PlPesel => "pl-pesel",
            Class::SePersonnummer => "se-personnummer",
            Class::FiHetu => "fi-hetu",
            Class::DateOfBirth => "date-of-birth",
            Class::MedicalRecordNumber => "medical-record-number",
            Class::UsMbi => "us-mbi",
            Class::UkNhsNumber => "uk-nhs-number",
        }
    }

    /// The rule id, `dlp/<id>`.
    pub fn rule_id(self) -> String {
        format!("dlp/{}", self.id())
    }

    pub fn from_id(id: &str) -> Option<Class> {
        let id = id.strip_prefix("dlp/").unwrap_or(id);
        Class::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The steward.toml data class (`[data] classes`, `holds`) a value of this kind puts
    /// an asset in.
    pub fn data_class(self) -> &'static str {
        match self {
            Class::CardNumber => "cardholder",
            Class::Iban => "financial",
            Class::MedicalRecordNumber | Class::UsMbi | Class::UkNhsNumber => "health",
            _ => "pii",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for Class {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Class {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}
