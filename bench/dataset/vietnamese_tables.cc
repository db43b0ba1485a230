#include "bench/dataset/vietnamese_tables.h"

#include <array>

namespace dangbo::bench::tables {
namespace {

using W = Weighted<absl::string_view>;

// Approximate shares of family names in Vietnam, per ten thousand.
constexpr std::array kFamilyNames = {
    W{"Nguyễn", 3800}, W{"Trần", 1100}, W{"Lê", 950},    W{"Phạm", 700}, W{"Hoàng", 450},
    W{"Huỳnh", 150},   W{"Phan", 450},  W{"Vũ", 300},    W{"Võ", 200},   W{"Đặng", 210},
    W{"Bùi", 200},     W{"Đỗ", 140},    W{"Hồ", 130},    W{"Ngô", 130},  W{"Dương", 100},
    W{"Lý", 50},       W{"Đinh", 80},   W{"Trương", 70}, W{"Lương", 50}, W{"Mai", 50},
    W{"Cao", 40},      W{"Đoàn", 50},   W{"Đào", 50},    W{"Tạ", 20},    W{"Hà", 40},
    W{"Lưu", 20},      W{"Kiều", 15},   W{"Chu", 20},    W{"Tô", 20},    W{"Lâm", 20},
    W{"Triệu", 15},    W{"Thái", 15},   W{"Quách", 10},  W{"Vương", 10}, W{"Khúc", 5},
};

constexpr std::array kMaleMiddleNames = {
    W{"Văn", 3500},  W{"Đức", 800},   W{"Hữu", 700},  W{"Minh", 700},    W{"Quang", 500},
    W{"Thanh", 500}, W{"Ngọc", 350},  W{"Xuân", 350}, W{"Công", 400},    W{"Mạnh", 300},
    W{"Tiến", 250},  W{"Đình", 500},  W{"Quốc", 400}, W{"Anh", 250},     W{"Trọng", 300},
    W{"Thế", 300},   W{"Hoàng", 200}, W{"Việt", 200}, W{"Văn Minh", 80}, W{"Đức Anh", 60},
};

constexpr std::array kFemaleMiddleNames = {
    W{"Thị", 5500},      W{"Ngọc", 600},    W{"Thanh", 500},    W{"Thu", 450},
    W{"Minh", 350},      W{"Kim", 300},     W{"Phương", 250},   W{"Hồng", 300},
    W{"Thùy", 250},      W{"Bích", 200},    W{"Mai", 150},      W{"Hải", 150},
    W{"Thị Thanh", 250}, W{"Thị Thu", 200}, W{"Thị Minh", 150}, W{"Thị Ngọc", 150},
};

constexpr std::array<absl::string_view, 48> kMaleGivenNames = {
    "Anh",   "Hùng",  "Dũng",  "Tuấn",  "Minh",  "Hải",   "Nam",  "Sơn",   "Thắng", "Long",
    "Cường", "Hiếu",  "Quang", "Trung", "Phong", "Bình",  "Đức",  "Hòa",   "Thành", "Tùng",
    "Việt",  "Khánh", "Huy",   "Hoàng", "Lâm",   "Phúc",  "Toàn", "Tài",   "Vinh",  "Kiên",
    "Hưng",  "Thịnh", "Quân",  "Đạt",   "Tiến",  "Chiến", "Châu", "Phước", "Thống", "Hậu",
    "Lực",   "Nghĩa", "Tâm",   "Tú",    "Thái",  "Hiệp",  "Công", "Bảo"};

constexpr std::array<absl::string_view, 42> kFemaleGivenNames = {
    "Hương", "Lan",    "Linh",  "Hoa",   "Hà",    "Mai",  "Thảo", "Trang", "Nga",  "Hằng",  "Huyền",
    "Ngọc",  "Phương", "Thủy",  "Yến",   "Dung",  "Loan", "Hạnh", "Nhung", "Oanh", "Thúy",  "Vân",
    "Hiền",  "Liên",   "Tâm",   "Quỳnh", "Giang", "Chi",  "Anh",  "Vy",    "Uyên", "Thuận", "Bích",
    "Ly",    "Nhàn",   "Trinh", "Thơ",   "Diệp",  "Hồng", "Xuân", "Duyên", "My"};

constexpr std::array kEthnicities = {
    W{"Kinh", 9300},   W{"Tày", 150},    W{"Thái", 110},   W{"Mường", 110},
    W{"Khmer", 90},    W{"Hoa", 70},     W{"Nùng", 70},    W{"H'Mông", 20},
    W{"Dao", 20},      W{"Gia Rai", 10}, W{"Ê Đê", 10},    W{"Ba Na", 5},
    W{"Sán Chay", 10}, W{"Chăm", 10},    W{"Sán Dìu", 10}, W{"Cơ Ho", 5},
};

constexpr std::array kReligions = {
    W{"Không", 9350},  W{"Phật giáo", 380}, W{"Công giáo", 180},
    W{"Tin Lành", 30}, W{"Cao Đài", 30},    W{"Phật giáo Hòa Hảo", 30},
};

constexpr std::array kProvinces = {
    Province{"001", "Hà Nội", 1800},        Province{"079", "TP. Hồ Chí Minh", 1400},
    Province{"031", "Hải Phòng", 400},      Province{"048", "Đà Nẵng", 300},
    Province{"092", "Cần Thơ", 200},        Province{"022", "Quảng Ninh", 300},
    Province{"036", "Nam Định", 350},       Province{"038", "Thanh Hóa", 450},
    Province{"040", "Nghệ An", 450},        Province{"034", "Thái Bình", 350},
    Province{"030", "Hải Dương", 300},      Province{"033", "Hưng Yên", 200},
    Province{"035", "Hà Nam", 150},         Province{"037", "Ninh Bình", 150},
    Province{"042", "Hà Tĩnh", 250},        Province{"044", "Quảng Bình", 150},
    Province{"046", "Thừa Thiên Huế", 200}, Province{"049", "Quảng Nam", 200},
    Province{"051", "Quảng Ngãi", 150},     Province{"052", "Bình Định", 200},
    Province{"056", "Khánh Hòa", 150},      Province{"066", "Đắk Lắk", 150},
    Province{"068", "Lâm Đồng", 100},       Province{"074", "Bình Dương", 200},
    Province{"075", "Đồng Nai", 250},       Province{"077", "Bà Rịa - Vũng Tàu", 150},
    Province{"080", "Long An", 100},        Province{"082", "Tiền Giang", 100},
    Province{"087", "Đồng Tháp", 100},      Province{"089", "An Giang", 100},
    Province{"094", "Sóc Trăng", 60},       Province{"096", "Cà Mau", 60},
    Province{"004", "Cao Bằng", 60},        Province{"020", "Lạng Sơn", 80},
    Province{"019", "Thái Nguyên", 200},    Province{"025", "Phú Thọ", 200},
    Province{"026", "Vĩnh Phúc", 150},      Province{"027", "Bắc Ninh", 150},
    Province{"024", "Bắc Giang", 150},      Province{"017", "Hòa Bình", 80},
    Province{"014", "Sơn La", 60},          Province{"010", "Lào Cai", 60},
};

constexpr std::array<absl::string_view, 20> kStreets = {
    "Lê Lợi",          "Trần Hưng Đạo", "Nguyễn Trãi",   "Hai Bà Trưng", "Lý Thường Kiệt",
    "Quang Trung",     "Lê Duẩn",       "Điện Biên Phủ", "Hùng Vương",   "Nguyễn Huệ",
    "Phan Đình Phùng", "Bà Triệu",      "Trường Chinh",  "Giải Phóng",   "Láng Hạ",
    "Cầu Giấy",        "Kim Mã",        "Tôn Đức Thắng", "Võ Thị Sáu",   "Nguyễn Văn Cừ"};

constexpr std::array<absl::string_view, 22> kQualifications = {"Cử nhân Kinh tế",
                                                               "Cử nhân Kế toán",
                                                               "Kỹ sư Xây dựng",
                                                               "Kỹ sư Điện",
                                                               "Kỹ sư Cơ khí",
                                                               "Kỹ sư Công nghệ thông tin",
                                                               "Thạc sĩ Quản trị kinh doanh",
                                                               "Thạc sĩ Kinh tế",
                                                               "Cử nhân Luật",
                                                               "Cử nhân Tài chính - Ngân hàng",
                                                               "Kỹ sư Giao thông",
                                                               "Kỹ sư Hóa học",
                                                               "Cao đẳng Cơ khí",
                                                               "Cao đẳng Kế toán",
                                                               "Trung cấp Kế toán",
                                                               "Trung cấp Điện",
                                                               "Công nhân kỹ thuật",
                                                               "Tiến sĩ Kinh tế",
                                                               "Kỹ sư Mỏ",
                                                               "Cử nhân Ngoại ngữ",
                                                               "Kỹ sư Môi trường",
                                                               "Dược sĩ"};

constexpr std::array<absl::string_view, 16> kOccupations = {"Kỹ sư",
                                                            "Kế toán viên",
                                                            "Chuyên viên",
                                                            "Công nhân",
                                                            "Nhân viên kinh doanh",
                                                            "Lái xe",
                                                            "Cán bộ kỹ thuật",
                                                            "Cán bộ quản lý",
                                                            "Thủ kho",
                                                            "Nhân viên văn phòng",
                                                            "Kiểm soát viên",
                                                            "Cán bộ an toàn",
                                                            "Thợ điện",
                                                            "Thợ cơ khí",
                                                            "Giám sát thi công",
                                                            "Nhân viên bán hàng"};

constexpr std::array<absl::string_view, 18> kDepartments = {"Phòng Tổ chức - Hành chính",
                                                            "Phòng Tài chính - Kế toán",
                                                            "Phòng Kỹ thuật",
                                                            "Phòng Kế hoạch - Đầu tư",
                                                            "Phòng Kinh doanh",
                                                            "Phòng Vật tư",
                                                            "Phòng An toàn",
                                                            "Phòng Pháp chế",
                                                            "Phòng Công nghệ thông tin",
                                                            "Phòng Kiểm soát nội bộ",
                                                            "Phân xưởng Sản xuất",
                                                            "Phân xưởng Cơ điện",
                                                            "Xí nghiệp Xây lắp",
                                                            "Xí nghiệp Vận tải",
                                                            "Chi nhánh Miền Bắc",
                                                            "Chi nhánh Miền Trung",
                                                            "Chi nhánh Miền Nam",
                                                            "Ban Quản lý dự án"};

constexpr std::array<absl::string_view, 28> kSectors = {"Xây dựng",
                                                        "Cơ khí",
                                                        "Thương mại",
                                                        "Điện lực",
                                                        "Vận tải",
                                                        "Du lịch",
                                                        "Dược phẩm",
                                                        "May",
                                                        "Cấp nước",
                                                        "Môi trường Đô thị",
                                                        "Xuất nhập khẩu",
                                                        "Lương thực",
                                                        "In",
                                                        "Phát hành sách",
                                                        "Xổ số kiến thiết",
                                                        "Cao su",
                                                        "Bia - Rượu - Nước giải khát",
                                                        "Dầu khí",
                                                        "Than",
                                                        "Xi măng",
                                                        "Thép",
                                                        "Hóa chất",
                                                        "Bảo hiểm",
                                                        "Viễn thông",
                                                        "Cảng biển",
                                                        "Đường sắt",
                                                        "Phân bón",
                                                        "Thủy lợi"};

constexpr std::array<absl::string_view, 20> kPlaces = {
    "Sông Hồng", "Hà Nội",     "Sài Gòn",    "Miền Trung", "Thăng Long", "Hải Phòng", "Đà Nẵng",
    "Cửu Long",  "Tây Nguyên", "Việt Bắc",   "Sông Đà",    "Bắc Hà",     "Nam Định",  "Thanh Hóa",
    "Nghệ Tĩnh", "Đồng Nai",   "Quảng Ninh", "Hòa Bình",   "Sông Gianh", "Trường Sơn"};

// Tập đoàn / Tổng công ty: the upper-level committees of the national dataset.
constexpr std::array<absl::string_view, 24> kGroups = {
    "Tập đoàn Điện lực Việt Nam",
    "Tập đoàn Dầu khí Quốc gia Việt Nam",
    "Tập đoàn Than - Khoáng sản Việt Nam",
    "Tập đoàn Công nghiệp Cao su Việt Nam",
    "Tập đoàn Bưu chính Viễn thông Việt Nam",
    "Tập đoàn Hóa chất Việt Nam",
    "Tập đoàn Dệt May Việt Nam",
    "Tổng công ty Đường sắt Việt Nam",
    "Tổng công ty Hàng hải Việt Nam",
    "Tổng công ty Lương thực Miền Bắc",
    "Tổng công ty Lương thực Miền Nam",
    "Tổng công ty Thuốc lá Việt Nam",
    "Tổng công ty Cà phê Việt Nam",
    "Tổng công ty Giấy Việt Nam",
    "Tổng công ty Công nghiệp Xi măng Việt Nam",
    "Tổng công ty Thép Việt Nam",
    "Tổng công ty Bảo hiểm Việt Nam",
    "Tổng công ty Xây dựng Hà Nội",
    "Tổng công ty Sông Đà",
    "Tổng công ty Cảng hàng không Việt Nam",
    "Tổng công ty Đầu tư và Kinh doanh vốn Nhà nước",
    "Tổng công ty Thương mại Hà Nội",
    "Tổng công ty Vận tải Hà Nội",
    "Tổng công ty Du lịch Sài Gòn"};

}  // namespace

std::span<const W> FamilyNames() { return kFamilyNames; }
std::span<const W> MaleMiddleNames() { return kMaleMiddleNames; }
std::span<const W> FemaleMiddleNames() { return kFemaleMiddleNames; }
std::span<const absl::string_view> MaleGivenNames() { return kMaleGivenNames; }
std::span<const absl::string_view> FemaleGivenNames() { return kFemaleGivenNames; }
std::span<const W> Ethnicities() { return kEthnicities; }
std::span<const W> Religions() { return kReligions; }
std::span<const Province> Provinces() { return kProvinces; }
std::span<const absl::string_view> Streets() { return kStreets; }
std::span<const absl::string_view> Qualifications() { return kQualifications; }
std::span<const absl::string_view> Occupations() { return kOccupations; }
std::span<const absl::string_view> Departments() { return kDepartments; }
std::span<const absl::string_view> EnterpriseSectors() { return kSectors; }
std::span<const absl::string_view> EnterprisePlaces() { return kPlaces; }
std::span<const absl::string_view> Groups() { return kGroups; }

}  // namespace dangbo::bench::tables
