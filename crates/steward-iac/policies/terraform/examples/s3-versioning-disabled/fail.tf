# expect
resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_versioning" "other" {
  bucket = "acme-other"
  versioning_configuration {
# expect
    status = "Suspended"
  }
}
