fn main() {
    shortlist_app::run();
}
