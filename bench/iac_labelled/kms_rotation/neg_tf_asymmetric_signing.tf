resource "aws_kms_key" "signing" {
  description              = "release signing key"
  customer_master_key_spec = "RSA_3072"
  key_usage                = "SIGN_VERIFY"
}
