resource "aws_kms_key" "app" {
  description             = "application data key"
  deletion_window_in_days = 30
}

resource "aws_kms_alias" "app" {
  name          = "alias/app"
  target_key_id = aws_kms_key.app.key_id
}
