resource "aws_db_instance" "billing" {
  identifier                  = "billing-db"
  engine                      = "postgres"
  engine_version              = "15.4"
  instance_class              = "db.t3.medium"
  allocated_storage           = 50
  username                    = "billing"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  skip_final_snapshot         = false
}
