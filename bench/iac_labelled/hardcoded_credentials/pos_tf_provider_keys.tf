provider "aws" {
  region     = "us-east-1"
  access_key = "AKIAQX4TZ7HBRD3M5KWE"
  secret_key = "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"
}
