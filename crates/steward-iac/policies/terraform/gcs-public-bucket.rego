# Cloud Storage bucket granted to allUsers.
package steward.iac.terraform.gcs_public_bucket

__rego_metadata__ := {
    "id": "iac/terraform/gcs-public-bucket",
    "title": "Cloud Storage bucket granted to allUsers",
    "severity": "critical",
    "confidence": "high",
    "cwe": [
        "CWE-732"
    ],
    "owasp": "A01",
    "requirements": [
        "STW-ACCESS-010"
    ],
    "description": "A bucket IAM binding or member grants a role to `allUsers` or `allAuthenticatedUsers`, making its objects readable (or writable) by anyone.",
    "remediation": "Grant roles to specific users, groups or service accounts; serve public content through a CDN with signed URLs if needed.",
    "formats": [
        "terraform"
    ]
}

everyone := {"allUsers", "allAuthenticatedUsers"}

deny contains {"msg": sprintf("google_storage_bucket_iam_member.%s grants %s to %s", [name, m.role, m.member]), "path": ["resource", "google_storage_bucket_iam_member", name, "member"]} if {
	some name, m in input.resource.google_storage_bucket_iam_member
	m.member in everyone
}

deny contains {"msg": sprintf("google_storage_bucket_iam_binding.%s grants %s to everyone", [name, b.role]), "path": ["resource", "google_storage_bucket_iam_binding", name, "members"]} if {
	some name, b in input.resource.google_storage_bucket_iam_binding
	some m in b.members
	m in everyone
}

deny contains {"msg": sprintf("google_storage_bucket_acl.%s grants access to everyone", [name]), "path": ["resource", "google_storage_bucket_acl", name]} if {
	some name, a in input.resource.google_storage_bucket_acl
	some e in object.get(a, "role_entity", [])
	regex.match(`(?i):(allusers|allauthenticatedusers)$`, e)
}
