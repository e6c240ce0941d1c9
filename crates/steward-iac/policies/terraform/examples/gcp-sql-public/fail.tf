resource "google_sql_database_instance" "orders" {
  name             = "orders"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-f1-micro"
    ip_configuration {
      authorized_networks {
        name  = "anyone"
# expect
        value = "0.0.0.0/0"
      }
    }
  }
}
