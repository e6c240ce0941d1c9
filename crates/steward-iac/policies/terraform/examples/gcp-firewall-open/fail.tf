resource "google_compute_firewall" "ssh" {
  name    = "allow-ssh"
  network = "default"
  allow {
    protocol = "tcp"
    ports    = ["22", "8000-9000"]
  }
# expect
  source_ranges = ["0.0.0.0/0"]
}
