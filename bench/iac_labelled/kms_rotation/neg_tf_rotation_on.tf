resource "aws_kms_key" "secrets" {
  description             = "secrets key"
  deletion_window_in_days = 30
  enable_key_rotation     = true
  rotation_period_in_days = 180
}
